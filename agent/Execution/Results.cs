using Provisioner.Modules;

namespace Provisioner.Execution;

/// <summary>
/// One task's outcome on one host. In check mode Changed means "would change". <see cref="Assumes"/>
/// names an earlier planned step that this prediction depends on.
/// </summary>
public sealed record TaskResult(
    string Host,
    string Stage,
    string Task,
    RunStatus Status,
    IReadOnlyList<Change> Changes,
    string? Message,
    TimeSpan Duration,
    bool Handler = false,
    string? Assumes = null,
    string Module = "")
{
    public bool IsChange => Status == RunStatus.Changed;

    /// <summary>What the task's change provides (packages, accounts, units, paths): check mode's ledger and the facts refresh read it.</summary>
    public IReadOnlyList<Provided> Provides { get; init; } = [];

    /// <summary>The change installed, upgraded or removed packages: the engine reads the facts again after it.</summary>
    public bool TouchesPackages { get; init; }

    /// <summary>Why this task's change (made, or in check mode predicted) cannot be undone, or null.</summary>
    public string? Irreversible { get; init; }

    /// <summary>The checks the stage must pass after its tasks because of this task's changes.</summary>
    public IReadOnlyList<StageGate> Gates { get; init; } = [];
}

public sealed record ProbeResult(string Name, bool Passed, string Expected, string Actual, int Attempts, TimeSpan Duration);

public sealed record StageResult(string Name, int Number, RunStatus Status, IReadOnlyList<TaskResult> Tasks, IReadOnlyList<ProbeResult> Probes, string? Message)
{
    /// <summary>A rolled-back stage: what its undo could not take back (irreversible steps, packages the repository no longer offers).</summary>
    public IReadOnlyList<string> NotUndone { get; init; } = [];

    public int ChangedCount => Tasks.Count(t => t.Status == RunStatus.Changed);
}

public sealed record HostResult(string Host, RunStatus Status, IReadOnlyList<StageResult> Stages, string? Message, TimeSpan Duration)
{
    /// <summary>Stages a previous, interrupted run left open and this run rolled back first.</summary>
    public IReadOnlyList<string> Recovered { get; init; } = [];

    public IEnumerable<TaskResult> Tasks => Stages.SelectMany(s => s.Tasks);
    public int Count(RunStatus status) => Tasks.Count(t => t.Status == status);
}

public sealed record RunResult(bool Check, IReadOnlyList<HostResult> Hosts, TimeSpan Duration)
{
    public int ExitCode => ExitCodes.For(this);
}
