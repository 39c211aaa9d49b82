using Provisioner.Transport;

namespace Provisioner.Modules;

/// <summary>
/// What a module would do to reach the wanted state: steps to run and the changes they make
/// (for --diff and reports). An empty plan means the host is already right.
/// </summary>
public sealed record Plan(IReadOnlyList<Step> Steps, IReadOnlyList<Change> Changes)
{
    public static readonly Plan None = new([], []);
    public bool IsEmpty => Steps.Count == 0;
    public static Plan Of(Change change, params Step[] steps) => new(steps, [change]);
    public Plan Then(Plan other) => new([.. Steps, .. other.Steps], [.. Changes, .. other.Changes]);
}

public abstract record Step(string Description);

public sealed record CommandStep(Command Command, string Description) : Step(Description);

/// <summary>A plan that cannot be carried out (e.g. a directory where a file should be); fails the task.</summary>
public sealed record FailStep(string Message) : Step(Message);

public sealed record UploadStep(FileUpload Upload, string Description) : Step(Description);

public enum ChangeKind { Content, Value, State }

/// <summary>
/// One difference between the host and the playbook. Content changes carry whole texts (shown as a
/// unified diff); Value and State changes carry short before/after values. Secret ones are masked.
/// </summary>
public sealed record Change(string Subject, ChangeKind Kind, string? Before, string? After, bool Secret = false)
{
    public string Summary => Kind switch
    {
        ChangeKind.Content when Before is null => $"{Subject}: create",
        ChangeKind.Content when After is null => $"{Subject}: remove",
        ChangeKind.Content => $"{Subject}: content",
        _ => $"{Subject}: {Show(Before)} → {Show(After)}",
    };

    private string Show(string? v) => v is null ? "(absent)" : Secret ? "********" : v;
}
