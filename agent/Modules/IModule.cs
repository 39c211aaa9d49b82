using Provisioner.HostFacts;
using Provisioner.Journal;
using Provisioner.Reads;
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
    /// <summary>True when only the user can judge the result (<c>changed_when</c>, <c>failed_when</c>); other modules know.</summary>
    bool UserJudgesOutcome { get; }
    /// <summary>How far a change may reach beyond what <see cref="Touches"/> names (what the journal reads again after it).</summary>
    TaskReach Reach { get; }
    /// <summary>Cross-argument checks on the literal (unrendered) arguments at parse time.</summary>
    void Validate(MapNode args, Diagnostics diagnostics);
    /// <summary>Binds rendered arguments; returns null when the reader collected errors.</summary>
    object? Bind(ArgReader reader);
    /// <summary>What must be on the host before the task can run (check mode names the earlier step a prediction rests on).</summary>
    IReadOnlyList<Need> Requires(object args);
    Task<object> ReadAsync(object args, HostContext host, CancellationToken ct);
    /// <summary>
    /// The read-only commands <see cref="ReadAsync"/> will run for these arguments, when known from the
    /// arguments alone: the engine may send a stage's reads ahead in one round trip. Empty: not known.
    /// </summary>
    IReadOnlyList<AheadRead> ReadCommands(object args);
    Outcome Plan(object args, object state);
    /// <summary>What a change may touch, known from the arguments alone (the stage records it before anything runs).</summary>
    IReadOnlyList<JournalItem> Touches(object args);
    /// <summary>
    /// From the task as written, before any host is read: why its change may not be undone, or null.
    /// validate, check and --list-tasks name the stages that hold such steps.
    /// </summary>
    string? IrreversibleHint(MapNode literalArgs);
    /// <summary>False for steps that always run again (an unguarded command): no re-read after apply.</summary>
    bool Converges(object args);
    /// <summary>The check the stage must pass once its tasks have run, when this task changed something; null: none.</summary>
    StageGate? Gate(object args);
}

/// <summary>
/// Base for a module: an immutable args record, a state record, and Read (never changes the host),
/// Plan (pure: args × state → steps, changes and what they provide, or why not), and the undo —
/// every planned change says what restores it (<see cref="Journal"/>: the items the stage journal
/// records) or, where the journal cannot, why not (<see cref="Irreversible"/>). A rollback never
/// reports as undone what a module declared irreversible.
/// </summary>
public abstract class Module<TArgs, TState> : IModule where TArgs : notnull where TState : notnull
{
    public abstract string Name { get; }
    public abstract ArgSpec Spec { get; }
    public virtual bool UserJudgesOutcome => false;
    /// <summary>Anywhere unless a module knows its steps change nothing but its journal items.</summary>
    public virtual TaskReach Reach => TaskReach.Anywhere;
    public virtual void Validate(MapNode args, Diagnostics diagnostics) { }
    protected abstract TArgs Bind(ArgReader reader);
    public virtual IReadOnlyList<Need> Requires(TArgs args) => [];
    public abstract Task<TState> ReadAsync(TArgs args, HostContext host, CancellationToken ct);
    /// <summary>What <see cref="ReadAsync"/> will run (see <see cref="IModule.ReadCommands"/>); empty when not known ahead.</summary>
    public virtual IReadOnlyList<AheadRead> ReadCommands(TArgs args) => [];
    public abstract Plan Plan(TArgs args, TState state);
    /// <summary>What a change would touch, for the undo. State is null when the stage journal asks before anything was read.</summary>
    public abstract IReadOnlyList<JournalItem> Journal(TArgs args, TState? state);
    /// <summary>
    /// Why the change this plan makes cannot be undone by restoring <see cref="Journal"/>'s items (what
    /// a command changes is unknown; an upgrade the repository can no longer take back), or null when
    /// the journal restores all of it. Required: each module says, so no undo is silently partial.
    /// </summary>
    public abstract string? Irreversible(TArgs args, TState? state);
    /// <summary>The same question from the task as written (see <see cref="IModule.IrreversibleHint"/>); null unless the module can tell.</summary>
    public virtual string? IrreversibleHint(MapNode literalArgs) => null;
    public virtual bool Converges(TArgs args) => true;
    /// <summary>See <see cref="IModule.Gate"/>.</summary>
    public virtual StageGate? Gate(TArgs args) => null;

    /// <summary>A plan that cannot be carried out: the task fails with <paramref name="message"/>.</summary>
    protected static Plan Fail(string message) => Modules.Plan.Block(message);

    /// <summary>A plan blocked by a missing requirement; check mode predicts <paramref name="onceProvided"/> when an earlier step provides it.</summary>
    protected static Plan Missing(Need need, string message, Plan? onceProvided = null) => Modules.Plan.Block(message, need, onceProvided);

    bool IModule.Converges(object args) => Converges((TArgs)args);

    StageGate? IModule.Gate(object args) => Gate((TArgs)args);

    object? IModule.Bind(ArgReader reader)
    {
        var before = reader.Diagnostics.Items.Count;
        reader.Spec = Spec;
        var args = Bind(reader);
        return reader.Diagnostics.Items.Count > before ? null : args;
    }

    IReadOnlyList<Need> IModule.Requires(object args) => Requires((TArgs)args);

    async Task<object> IModule.ReadAsync(object args, HostContext host, CancellationToken ct) =>
        await ReadAsync((TArgs)args, host, ct).ConfigureAwait(false);

    IReadOnlyList<AheadRead> IModule.ReadCommands(object args) => ReadCommands((TArgs)args);

    Outcome IModule.Plan(object args, object state) =>
        Outcome.Of(Plan((TArgs)args, (TState)state), Journal((TArgs)args, (TState)state), Irreversible((TArgs)args, (TState)state));

    IReadOnlyList<JournalItem> IModule.Touches(object args) => Journal((TArgs)args, default);
}
