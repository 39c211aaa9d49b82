using Provisioner.HostFacts;
using Provisioner.Modules;
using Provisioner.Modules.Files;
using Provisioner.Playbooks;
using Provisioner.Templating;
using Provisioner.Yaml;

namespace Provisioner.Execution;

/// <summary>
/// One loop item of a task: render and bind its arguments, Read, Plan — then check mode predicts
/// (<see cref="CheckPrediction"/>) and apply carries the plan out (<see cref="ItemApply"/>).
/// </summary>
public sealed class ItemRunner(HostSession session, IModule module, TaskSpec task, bool handler)
{
    public static readonly IReadOnlySet<string> NoReads = new HashSet<string>();

    /// <summary>Which facts rendering read — only check mode's predictions use it.</summary>
    public (T Result, IReadOnlySet<string> Reads) TrackFactReads<T>(Func<T> render) =>
        session.Options.Check ? FactReads.Track(render) : (render(), NoReads);

    public async Task<ItemOutcome> RunAsync(Vars vars, IReadOnlySet<string> whenReads, CancellationToken ct)
    {
        var registered = new Dictionary<string, object?> { ["changed"] = false, ["failed"] = false };
        ItemOutcome Fail(string error) => ItemOutcome.Failed(vars.Secrets.Mask(error), registered);

        var diagnostics = new Diagnostics();
        // Which facts the arguments and templates read: a prediction that reads the version of
        // something a planned install provides assumes that install (check mode says so).
        var (args, reads) = TrackFactReads(() => Bind(vars, handler, diagnostics));
        if (args is null) return Fail(string.Join("; ", diagnostics.Items.Select(d => d.ToString())));

        var host = new HostContext(session.Remote, session.Facts, task.Become ?? session.Become);
        Outcome outcome;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            var state = await module.ReadAsync(args, host, ct).ConfigureAwait(false);
            Timed(TimingPhase.Read, clock);
            outcome = module.Plan(args, state);
            Timed(TimingPhase.Plan, clock);
        }
        catch (RemoteReadException ex)
        {
            return Fail(ex.Message);
        }
        if (session.Options.Check)
        {
            var versionRead = FactsReader.VersionRead(session.Modules.Versions, reads.Union(whenReads).ToHashSet(StringComparer.Ordinal));
            return Declared(new CheckPrediction(session.Ledger, task, vars).Predict(outcome, module.Requires(args), versionRead, registered), outcome);
        }
        switch (outcome)
        {
            case Converged: return ItemOutcome.Unchanged(registered);
            case Blocked b: return Fail(b.Reason);
            case WillChange change:
                var applied = Declared(await new ItemApply(session, module, task, host, registered)
                    .RunAsync(change, args, vars, handler ? () => Bind(vars, triggered: false, new Diagnostics()) : null, ct).ConfigureAwait(false), change);
                Timed(TimingPhase.Apply, clock);
                // The stage's check of this change runs once, after all its tasks (StageRunner).
                return applied.Changed && module.Gate(args) is { } gate ? applied with { Gate = gate } : applied;
            default: throw new InvalidOperationException($"unknown outcome {outcome.GetType().Name}");
        }
    }

    /// <summary>
    /// A change the module declared irreversible stays so unless the task's touches: name what it
    /// changes (the journal then restores those).
    /// </summary>
    private ItemOutcome Declared(ItemOutcome result, Outcome outcome) =>
        result.Changed && outcome is WillChange { Effects.Irreversible: { } why } && task.Touches is null ? result with { Irreversible = why } : result;

    /// <summary>Reports the phase just ended and starts the clock for the next.</summary>
    private void Timed(TimingPhase phase, System.Diagnostics.Stopwatch clock)
    {
        session.Events.Timed(new Timing(session.Name, phase, task.Name, clock.Elapsed, module.Name));
        clock.Restart();
    }

    private object? Bind(Vars vars, bool triggered, Diagnostics diagnostics)
    {
        var rendered = (MapNode)NodeRenderer.Render(task.Args, vars, diagnostics);
        return diagnostics.HasErrors ? null : module.Bind(new ArgReader(rendered, diagnostics)
        {
            BaseDirectory = session.BaseDirectory, Vars = vars, Triggered = triggered, Facts = session.Facts,
        });
    }
}
