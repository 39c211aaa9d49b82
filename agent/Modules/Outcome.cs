using Provisioner.Journal;

namespace Provisioner.Modules;

/// <summary>
/// A task's plan as the engine reads it: nothing to do, cannot be done, or steps with what they
/// change, what they provide and what to record so they can be undone.
/// </summary>
public abstract record Outcome
{
    /// <summary>
    /// How the engine reads a module's plan; <paramref name="undo"/> is what the module records for it,
    /// <paramref name="irreversible"/> why that does not undo all of it (null: it does).
    /// </summary>
    public static Outcome Of(Plan plan, IReadOnlyList<JournalItem> undo, string? irreversible = null) => plan switch
    {
        { Blocked: { } b } => new Blocked(b.Reason, b.Missing, b.OnceProvided is { } once ? Of(once, undo, irreversible) : null),
        { Steps.Count: 0 } => Converged.Instance,
        _ => new WillChange(plan.Steps, plan.Changes, new Effects(plan.Provides, undo) { Irreversible = irreversible }),
    };
}

/// <summary>The host is already as the task wants it.</summary>
public sealed record Converged : Outcome
{
    public static readonly Converged Instance = new();
}

/// <summary>
/// The plan cannot be carried out on the host as it is. When <see cref="Missing"/> names a requirement
/// an earlier planned step provides, check mode predicts <see cref="OnceProvided"/> instead of failing.
/// </summary>
public sealed record Blocked(string Reason, Need? Missing, Outcome? OnceProvided) : Outcome;

/// <summary>Steps to run, the differences they make, and their effects.</summary>
public sealed record WillChange(IReadOnlyList<Step> Steps, IReadOnlyList<Change> Diffs, Effects Effects) : Outcome;

/// <summary>What a change brings that later tasks may need, and what the journal records so it can be undone.</summary>
public sealed record Effects(IReadOnlyList<Provided> Provides, IReadOnlyList<JournalItem> Undo)
{
    /// <summary>Why restoring <see cref="Undo"/> does not undo all of the change, or null.</summary>
    public string? Irreversible { get; init; }
}
