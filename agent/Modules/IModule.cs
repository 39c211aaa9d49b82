using Provisioner.Journal;
using Provisioner.Yaml;

namespace Provisioner.Modules;

/// <summary>
/// The type-erased module contract the engine drives. Modules implement <see cref="Module{TArgs,TState}"/>;
/// the engine, not the module, decides "changed", runs the steps and re-reads to prove convergence.
/// </summary>
public interface IModule
{
    string Name { get; }
    ArgSpec Spec { get; }
    /// <summary>Cross-argument checks on the literal (unrendered) arguments at parse time.</summary>
    void Validate(MapNode args, Diagnostics diagnostics);
    /// <summary>Binds rendered arguments; returns null when the reader collected errors.</summary>
    object? Bind(ArgReader reader);
    Task<object> ReadAsync(object args, HostContext host, CancellationToken ct);
    Plan Plan(object args, object state);
    /// <summary>What a change would touch. State is null when the stage journal asks before anything was read.</summary>
    IReadOnlyList<JournalItem> Journal(object args, object? state);
    /// <summary>False for steps that always run again (an unguarded command): no re-read after apply.</summary>
    bool Converges(object args);
}

/// <summary>
/// Base for a module: an immutable args record, a state record, and Read (never changes the host),
/// Plan (pure: args × state → steps and changes) and Journal (what to record so it can be undone).
/// </summary>
public abstract class Module<TArgs, TState> : IModule where TArgs : notnull where TState : notnull
{
    public abstract string Name { get; }
    public abstract ArgSpec Spec { get; }
    public virtual void Validate(MapNode args, Diagnostics diagnostics) { }
    protected abstract TArgs Bind(ArgReader reader);
    public abstract Task<TState> ReadAsync(TArgs args, HostContext host, CancellationToken ct);
    public abstract Plan Plan(TArgs args, TState state);
    public virtual IReadOnlyList<JournalItem> Journal(TArgs args, TState? state) => [];
    public virtual bool Converges(TArgs args) => true;

    /// <summary>A plan that cannot be carried out: the task fails with <paramref name="message"/>.</summary>
    protected static Plan Fail(string message) => new([new FailStep(message)], []);

    bool IModule.Converges(object args) => Converges((TArgs)args);

    object? IModule.Bind(ArgReader reader)
    {
        var before = reader.Diagnostics.Items.Count;
        var args = Bind(reader);
        return reader.Diagnostics.Items.Count > before ? null : args;
    }

    async Task<object> IModule.ReadAsync(object args, HostContext host, CancellationToken ct) =>
        await ReadAsync((TArgs)args, host, ct).ConfigureAwait(false);

    Plan IModule.Plan(object args, object state) => Plan((TArgs)args, (TState)state);

    IReadOnlyList<JournalItem> IModule.Journal(object args, object? state) => Journal((TArgs)args, (TState?)state);
}
