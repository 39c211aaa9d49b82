using Provisioner.Yaml;

namespace Provisioner.Playbooks;

/// <summary>
/// A play's <c>stages:</c> list: stages written in it and stages imported from their own files, in
/// order, each name used once (--stage and the journal refer to stages by name).
/// </summary>
internal sealed class StageList(StageParser stages, StageImports imports)
{
    public IReadOnlyList<Stage> Parse(ListNode list, ImportChain chain, Diagnostics d)
    {
        var parsed = new List<Stage>();
        var seen = new Dictionary<string, SourceSpan>();
        for (var i = 0; i < list.Items.Count; i++)
        {
            var imported = list.Items[i] is MapNode entry && entry.Get(StageImports.Key) is not null;
            var (stage, written, told) = imported ? Imported((MapNode)list.Items[i], i + 1, chain, d) : Inline(list.Items[i], i + 1, chain, d);
            if (stage is null) continue;
            if (seen.TryGetValue(stage.Name, out var first))
                d.Add(told, $"stage name '{stage.Name}' is already used at {first}",
                    "give each stage a distinct name (--stage and the journal refer to stages by name)" + (imported ? ": write name: on the import_stage" : ""));
            else seen[stage.Name] = written;
            parsed.Add(stage);
        }
        return parsed;
    }

    /// <returns>The stage, where its name is written, and where a second use of the name is told.</returns>
    private (Stage? Stage, SourceSpan Written, SourceSpan Told) Inline(Node item, int number, ImportChain chain, Diagnostics d)
    {
        var at = (item as MapNode)?.Get("name")?.Span ?? item.Span;
        return (stages.Parse(item, number, chain, d), at, at);
    }

    private (Stage? Stage, SourceSpan Written, SourceSpan Told) Imported(MapNode entry, int number, ImportChain chain, Diagnostics d)
    {
        if (imports.Open(entry, chain, d) is not { } opened) return (null, entry.Span, entry.Span);
        var stage = stages.Parse(opened.Stage, number, opened.Chain, d, opened.Import);
        // Without a name of its own the import uses the file's: written there, used again here.
        var named = entry.Get("name")?.Span;
        return (stage, named ?? opened.Stage.Get("name")?.Span ?? opened.Stage.Span, named ?? entry.Get(StageImports.Key)!.Span);
    }
}
