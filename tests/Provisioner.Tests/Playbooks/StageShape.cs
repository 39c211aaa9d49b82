using Provisioner.Playbooks;
using Provisioner.Yaml;

namespace Provisioner.Tests.Playbooks;

/// <summary>
/// A parsed stage as text, everything but where it was written: two stages read from different files
/// are the same stage when their shapes are equal.
/// </summary>
internal static class StageShape
{
    public static string Of(Stage s) => string.Join("\n", [
        $"stage {s.Name} #{s.Number} rollback={s.RollbackPackages}",
        .. s.Tasks.Select(t => "task " + Task(t)),
        .. s.Handlers.Select(t => "handler " + Task(t)),
        .. s.Verify.Select(p => $"probe {p.Name} {p.Kind} {Node(p.Args)} when={p.When} loop={Node(p.Loop)} retries={p.Retries} delay={p.Delay} vars={Layers(p.ScopeVars)}"),
    ]);

    private static string Task(TaskSpec t) =>
        $"{t.Name} {t.Module} {Node(t.Args)} when={string.Join(" & ", t.Conditions)} loop={Node(t.Loop)} notify=[{string.Join(", ", t.Notify)}] " +
        $"register={t.Register} tags=[{string.Join(", ", t.Tags)}] changed_when={t.ChangedWhen} failed_when={t.FailedWhen} become={t.Become} " +
        $"touches={Node(t.Touches)} vars={Layers(t.ScopeVars)}";

    private static string Layers(IReadOnlyList<MapNode> layers) => string.Join(" < ", layers.Select(Node));

    private static string Node(Node? node) => node switch
    {
        null => "-",
        ScalarNode s => (s.Secret ? "!secret " : "") + (s.Quoted ? $"\"{s.Value}\"" : s.Value),
        ListNode l => $"[{string.Join(", ", l.Items.Select(Node))}]",
        MapNode m => $"{{{string.Join(", ", m.Entries.Select(e => $"{e.Key.Value}: {Node(e.Value)}"))}}}",
        _ => "?",
    };
}
