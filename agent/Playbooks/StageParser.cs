using Provisioner.Yaml;

namespace Provisioner.Playbooks;

/// <summary>
/// Reads a stage (vars, tasks — imported ones in their place — handlers, verify probes, rollback
/// policy) and checks that every <c>notify</c> names a handler of the same stage, since handlers run
/// at the end of their stage. The stage's vars go to each of its tasks, handlers and probes.
/// </summary>
internal sealed class StageParser(TaskParser tasks, ProbeParser probes, TaskImports imports)
{
    public static readonly string[] Keys = ["name", "rollback", "vars", "tasks", "handlers", "verify"];
    private static readonly string[] RollbackValues = ["remove", "keep-packages"];

    /// <param name="import">What the import_stage entry that brought the stage from its own file gives it.</param>
    public Stage? Parse(Node node, int number, ImportChain chain, Diagnostics d, StageImport? import = null)
    {
        if (node is not MapNode map)
        {
            d.Add(node.Span, "a stage must be a mapping", "write '- name: STAGE' with tasks:, handlers: and verify: under it");
            return null;
        }
        NodeRead.UnknownKeys(map, Keys, "stage", d);
        var name = NodeRead.Text(map.Get("name"), "name", d);
        name = import?.Name ?? name;
        if (name is null)
            d.Add(map.Span, "this stage has no name", "add name: STAGE (it is how --stage and reports refer to it)" + (import is null ? "" : ", or name: on its import_stage"));
        var rollback = Rollback(map.Get("rollback"), d);
        // The import's vars beat the file's own: they are how a reused stage is adapted.
        MapNode?[] vars = [ScopedVarsKey.Read(map.Get("vars"), d), import?.Vars];
        return Build(name ?? $"stage {number}", number, map, rollback, vars.OfType<MapNode>().ToList(), chain, d);
    }

    /// <summary>Builds a stage from the tasks/handlers/verify keys of <paramref name="map"/> (a stage, or a play without stages).</summary>
    public Stage Build(string name, int number, MapNode map, RollbackPackages rollback, IReadOnlyList<MapNode> vars, ImportChain chain, Diagnostics d)
    {
        var scope = ImportScope.OfStage(vars);
        var taskEntries = imports.Expand(List(map, "tasks", d), scope, chain, d);
        var handlerEntries = imports.Expand(List(map, "handlers", d), scope, chain, d);
        var taskList = Parse(taskEntries, "task", d);
        var handlers = Parse(handlerEntries, "handler", d);
        var verify = List(map, "verify", d).Select(n => probes.Parse(n, d)).OfType<ProbeSpec>().Select(p => p with { ScopeVars = vars }).ToList();
        CheckNotify(taskEntries, handlerEntries, name, d);
        CheckDuplicateHandlers(handlers, d);
        return new Stage(name, number, taskList, handlers, verify, rollback, map.Span);
    }

    private List<TaskSpec> Parse(IReadOnlyList<TaskEntry> entries, string what, Diagnostics d) =>
        entries.Select(e => tasks.Parse(e.Node, what, d) is { } task ? e.Scope.Apply(task) : null).OfType<TaskSpec>().ToList();

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

    private static IReadOnlyList<Node> List(MapNode map, string key, Diagnostics d)
    {
        switch (map.Get(key))
        {
            case null or ScalarNode { IsNull: true }: return [];
            case ListNode l: return l.Items;
            case var other:
                d.Add(other.Span, $"'{key}' must be a list, not {NodeRead.Describe(other)}", $"start each entry of {key}: with '- name: ...'");
                return [];
        }
    }

    /// <summary>Works on the written nodes, so a task with other errors still has its notify checked.</summary>
    private static void CheckNotify(IReadOnlyList<TaskEntry> taskEntries, IReadOnlyList<TaskEntry> handlerEntries, string stage, Diagnostics d)
    {
        var names = Maps(handlerEntries).Select(h => h.Get("name") is ScalarNode n ? n.Value : null).OfType<string>().ToList();
        foreach (var task in Maps(taskEntries).Concat(Maps(handlerEntries)))
        {
            IEnumerable<ScalarNode> items = task.Get("notify") switch { ScalarNode { IsNull: false } s => [s], ListNode l => l.Items.OfType<ScalarNode>(), _ => [] };
            foreach (var item in items.Where(i => !names.Contains(i.Value)))
                d.Add(item.Span, $"notify names '{item.Value}', which is not a handler of stage '{stage}'",
                    Suggest.DidYouMean(item.Value, names) is { } s ? $"did you mean '{s}'?"
                    : names.Count == 0 ? "add it under the stage's handlers:" : $"handlers of this stage: {string.Join(", ", names)}");
        }
    }

    private static IEnumerable<MapNode> Maps(IReadOnlyList<TaskEntry> entries) => entries.Select(e => e.Node).OfType<MapNode>();

    private static void CheckDuplicateHandlers(IReadOnlyList<TaskSpec> handlers, Diagnostics d)
    {
        foreach (var dup in handlers.GroupBy(h => h.Name).Where(g => g.Count() > 1))
            foreach (var h in dup.Skip(1))
                d.Add(h.Source?.Get("name")?.Span ?? h.Span, $"handler name '{h.Name}' is already used at {dup.First().Span}", "give each handler a distinct name");
    }
}
