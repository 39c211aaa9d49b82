using Provisioner.Yaml;

namespace Provisioner.Playbooks;

/// <summary>
/// Reads a stage (tasks, handlers, verify probes, rollback policy) and checks that every
/// <c>notify</c> names a handler of the same stage, since handlers run at the end of their stage.
/// </summary>
internal sealed class StageParser(TaskParser tasks, ProbeParser probes)
{
    public static readonly string[] Keys = ["name", "rollback", "tasks", "handlers", "verify"];
    private static readonly string[] RollbackValues = ["remove", "keep-packages"];

    public Stage? Parse(Node node, int number, Diagnostics d)
    {
        if (node is not MapNode map)
        {
            d.Add(node.Span, "a stage must be a mapping", "write '- name: STAGE' with tasks:, handlers: and verify: under it");
            return null;
        }
        NodeRead.UnknownKeys(map, Keys, "stage", d);
        var name = NodeRead.Text(map.Get("name"), "name", d);
        if (name is null) d.Add(map.Span, "this stage has no name", "add name: STAGE (it is how --stage and reports refer to it)");
        var rollback = Rollback(map.Get("rollback"), d);
        return Build(name ?? $"stage {number}", number, map, rollback, d);
    }

    /// <summary>Builds a stage from the tasks/handlers/verify keys of <paramref name="map"/> (a stage, or a play without stages).</summary>
    public Stage Build(string name, int number, MapNode map, RollbackPackages rollback, Diagnostics d)
    {
        var taskList = List(map, "tasks", n => tasks.Parse(n, "task", d), d);
        var handlers = List(map, "handlers", n => tasks.Parse(n, "handler", d), d);
        var verify = List(map, "verify", n => probes.Parse(n, d), d);
        CheckNotify(map, name, d);
        CheckDuplicateHandlers(handlers, d);
        return new Stage(name, number, taskList, handlers, verify, rollback, map.Span);
    }

    private static RollbackPackages Rollback(Node? node, Diagnostics d)
    {
        var text = NodeRead.Text(node, "rollback", d);
        switch (text)
        {
            case null or "remove": return RollbackPackages.Remove;
            case "keep-packages": return RollbackPackages.Keep;
            default:
                d.Add(node!.Span, $"'rollback' must be remove or keep-packages, not '{text}'", NodeRead.Hint(text, RollbackValues));
                return RollbackPackages.Remove;
        }
    }

    private static IReadOnlyList<T> List<T>(MapNode map, string key, Func<Node, T?> parse, Diagnostics d) where T : class
    {
        switch (map.Get(key))
        {
            case null or ScalarNode { IsNull: true }: return [];
            case ListNode l: return l.Items.Select(parse).OfType<T>().ToList();
            case var other:
                d.Add(other.Span, $"'{key}' must be a list, not {NodeRead.Describe(other)}", $"start each entry of {key}: with '- name: ...'");
                return [];
        }
    }

    /// <summary>Works on the written nodes, so a task with other errors still has its notify checked.</summary>
    private static void CheckNotify(MapNode map, string stage, Diagnostics d)
    {
        var names = Entries(map, "handlers").Select(h => h.Get("name") is ScalarNode n ? n.Value : null).OfType<string>().ToList();
        foreach (var task in Entries(map, "tasks").Concat(Entries(map, "handlers")))
        {
            IEnumerable<ScalarNode> items = task.Get("notify") switch { ScalarNode { IsNull: false } s => [s], ListNode l => l.Items.OfType<ScalarNode>(), _ => [] };
            foreach (var item in items.Where(i => !names.Contains(i.Value)))
                d.Add(item.Span, $"notify names '{item.Value}', which is not a handler of stage '{stage}'",
                    Suggest.DidYouMean(item.Value, names) is { } s ? $"did you mean '{s}'?"
                    : names.Count == 0 ? "add it under the stage's handlers:" : $"handlers of this stage: {string.Join(", ", names)}");
        }
    }

    private static IEnumerable<MapNode> Entries(MapNode map, string key) =>
        map.Get(key) is ListNode l ? l.Items.OfType<MapNode>() : [];

    private static void CheckDuplicateHandlers(IReadOnlyList<TaskSpec> handlers, Diagnostics d)
    {
        foreach (var dup in handlers.GroupBy(h => h.Name).Where(g => g.Count() > 1))
            foreach (var h in dup.Skip(1))
                d.Add(h.Source?.Get("name")?.Span ?? h.Span, $"handler name '{h.Name}' is already used at {dup.First().Span}", "give each handler a distinct name");
    }
}
