using Provisioner.Yaml;

namespace Provisioner.Playbooks;

/// <summary>What an import_stage entry gives the stage it brings: a name in place of the file's, vars above the file's.</summary>
internal sealed record StageImport(string? Name, MapNode? Vars);

/// <summary>
/// <c>- import_stage: FILE</c> in a play's stages: the one stage FILE holds (a mapping, as a stage is
/// written inline), read with the playbook. <c>name:</c> renames it — a file imported twice into a
/// play needs two names — and <c>vars:</c> are stage vars that beat the file's own.
/// </summary>
internal sealed class StageImports(Imports imports)
{
    public const string Key = "import_stage";
    public static readonly string[] Keys = [Key, "name", "vars"];

    /// <summary>The stage's mapping, the chain to read its own imports in, and what the entry gives it; null when it cannot be read (told).</summary>
    public (MapNode Stage, ImportChain Chain, StageImport Import)? Open(MapNode entry, ImportChain chain, Diagnostics d)
    {
        NodeRead.UnknownKeys(entry, Keys, Key, d, key =>
            $"{Key} takes {string.Join(", ", Keys)}" + (StageParser.Keys.Contains(key) ? $"; write {key}: in the stage's file" : ""));
        var import = new StageImport(NodeRead.Text(entry.Get("name"), "name", d), ScopedVarsKey.Read(entry.Get("vars"), d));
        if (entry.Get(Key) is not ScalarNode { IsNull: false } path)
        {
            d.Add(entry.Get(Key)!.Span, $"'{Key}' takes the path of a file, not {NodeRead.Describe(entry.Get(Key)!)}", $"write {Key}: stages/FILE.yml");
            return null;
        }
        if (imports.Open(Key, path, chain, d) is not { } opened) return null;
        if (Imports.Empty(Key, opened.Root, "write the stage in it: name:, tasks:, handlers:, verify:", d)) return null;
        if (opened.Root is MapNode stage) return (stage, opened.Chain, import);
        d.Add(opened.Root.Span, $"a file for {Key} must hold one stage (a mapping with name: and tasks:), not {NodeRead.Describe(opened.Root)}",
            opened.Root is ListNode ? "this file holds tasks: import it with '- import_tasks: FILE' in a stage's tasks:" : "write name:, tasks:, handlers: and verify: at the top of the file");
        return null;
    }
}
