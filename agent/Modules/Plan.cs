using Provisioner.Transport;

namespace Provisioner.Modules;

/// <summary>
/// What a module would do to reach the wanted state, as a module writes it: steps to run, the changes
/// they make (for --diff and reports) and what they provide that later tasks may need — or why it
/// cannot be done (<see cref="Blocked"/>). The engine reads it as an <see cref="Outcome"/>.
/// </summary>
public sealed record Plan(IReadOnlyList<Step> Steps, IReadOnlyList<Change> Changes)
{
    public static readonly Plan None = new([], []);

    /// <summary>Why the plan cannot be carried out on the host as it is; null when it can.</summary>
    public Blocker? Blocked { get; init; }

    /// <summary>What the steps bring to the host (a package, an account, a unit, a path).</summary>
    public IReadOnlyList<Provided> Provides { get; init; } = [];

    /// <summary>True when nothing needs doing.</summary>
    public bool IsEmpty => Steps.Count == 0 && Blocked is null;

    public static Plan Of(Change change, params Step[] steps) => new(steps, [change]);

    /// <param name="missing">The requirement whose absence blocks the plan, when that is the reason.</param>
    /// <param name="onceProvided">The plan against the state the requirement's provider will leave, where the module can tell.</param>
    public static Plan Block(string reason, Need? missing = null, Plan? onceProvided = null) =>
        None with { Blocked = new Blocker(reason, missing, onceProvided) };

    public Plan Then(Plan other) => new([.. Steps, .. other.Steps], [.. Changes, .. other.Changes])
    {
        Blocked = Blocked ?? other.Blocked,
        Provides = [.. Provides, .. other.Provides],
    };
}

/// <summary>Why a plan cannot be carried out, and — when it is a missing requirement — which, and the plan once it is there.</summary>
public sealed record Blocker(string Reason, Need? Missing, Plan? OnceProvided);

public abstract record Step(string Description);

public sealed record CommandStep(Command Command, string Description) : Step(Description);

public sealed record UploadStep(FileUpload Upload, string Description) : Step(Description);

public enum ChangeKind { Content, Value, State }

/// <summary>
/// One difference between the host and the playbook. Content changes carry whole texts (shown as a
/// unified diff); Value and State changes carry short before/after values. Secret ones are masked.
/// </summary>
public sealed record Change(string Subject, ChangeKind Kind, string? Before, string? After, bool Secret = false)
{
    /// <summary>Shown by the run at every verbosity, not only with --diff or -v: a side effect the user did not ask for.</summary>
    public bool Notice { get; init; }

    public string Summary => Kind switch
    {
        ChangeKind.Content when Before is null => $"{Subject}: create",
        ChangeKind.Content when After is null => $"{Subject}: remove",
        ChangeKind.Content => $"{Subject}: content",
        _ => $"{Subject}: {Show(Before)} → {Show(After)}",
    };

    private string Show(string? v) => v is null ? "(absent)" : Secret ? "********" : v;
}
