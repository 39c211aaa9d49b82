using Provisioner.Yaml;

namespace Provisioner.Playbooks;

/// <summary>
/// Reads the <c>vars:</c> of a stage, a task, or an import: a mapping whose names must not be ones the
/// engine sets (facts, item, …) — for that stage or task they would be hidden, or silently not taken.
/// </summary>
internal static class ScopedVarsKey
{
    public static MapNode? Read(Node? node, Diagnostics d)
    {
        var map = NodeRead.Vars(node, "vars", d);
        foreach (var key in map?.Entries.Select(e => e.Key).Where(k => TaskParser.ReservedNames.Contains(k.Value)) ?? [])
            d.Add(key.Span, $"'vars: {key.Value}' would hide the built-in variable '{key.Value}'", "choose another name");
        return map;
    }
}
