using Provisioner.Yaml;

namespace Provisioner.Playbooks;

/// <summary>
/// What encloses a task: its stage's vars, and the vars, conditions and tags of each import_tasks
/// entry that brought it in, outermost first — as Ansible's static import gives them to every task.
/// </summary>
internal sealed record ImportScope(IReadOnlyList<MapNode> Vars, IReadOnlyList<InheritedWhen> When, IReadOnlyList<string> Tags)
{
    public static ImportScope OfStage(IReadOnlyList<MapNode> vars) => new(vars, [], []);

    /// <summary>The scope inside one more import.</summary>
    public ImportScope Inner(MapNode? vars, InheritedWhen? when, IEnumerable<string> tags) =>
        new([.. Vars, .. Optional(vars)], [.. When, .. Optional(when)], [.. Tags, .. tags.Where(t => !Tags.Contains(t))]);

    /// <summary>The task inside this scope: the scope's vars below its own, its conditions before its own, its tags with its own.</summary>
    public TaskSpec Apply(TaskSpec task) => task with
    {
        ScopeVars = [.. Vars, .. task.ScopeVars],
        ImportedWhen = When,
        Tags = [.. Tags, .. task.Tags.Where(t => !Tags.Contains(t))],
    };

    private static IEnumerable<T> Optional<T>(T? value) where T : class => value is null ? [] : [value];
}

/// <summary>One entry of a tasks: or handlers: list once imports are expanded: the task as written, and what encloses it.</summary>
internal sealed record TaskEntry(Node Node, ImportScope Scope);
