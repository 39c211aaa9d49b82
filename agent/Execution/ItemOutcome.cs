using Provisioner.Modules;

namespace Provisioner.Execution;

/// <summary>
/// One loop item of a task: whether it changed (or would), the changes, the error that failed it, what
/// it registers, the earlier planned step a check-mode prediction rests on, and what it provides.
/// </summary>
public sealed record ItemOutcome(bool Changed, IReadOnlyList<Change> Changes, string? Error, Dictionary<string, object?> Registered)
{
    public string? Assumes { get; init; }
    public IReadOnlyList<Provided> Provides { get; init; } = [];
    /// <summary>The change installs, upgrades or removes packages (its undo records the package list): version facts may differ after it.</summary>
    public bool TouchesPackages { get; init; }
    /// <summary>Why this change (made, or in check mode predicted) cannot be undone, or null.</summary>
    public string? Irreversible { get; init; }
    /// <summary>The check the stage must pass after its tasks because of this change, or null.</summary>
    public StageGate? Gate { get; init; }

    public static ItemOutcome Unchanged(Dictionary<string, object?> registered) => new(false, [], null, registered);

    public static ItemOutcome Failed(string error, Dictionary<string, object?> registered)
    {
        registered["failed"] = true;
        registered["msg"] = error;
        return new(false, [], error, registered);
    }

    public static ItemOutcome Changing(WillChange change, Dictionary<string, object?> registered, string? assumes = null) =>
        Changing(change.Diffs, change.Effects.Provides, registered, assumes) with { TouchesPackages = change.Effects.Undo.OfType<Journal.JournalPackages>().Any() };

    public static ItemOutcome Changing(IReadOnlyList<Change> changes, IReadOnlyList<Provided> provides, Dictionary<string, object?> registered, string? assumes = null)
    {
        registered["changed"] = true;
        return new(true, changes, null, registered) { Provides = provides, Assumes = assumes };
    }
}
