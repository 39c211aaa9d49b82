using Provisioner.Yaml;

namespace Provisioner.Inventories;

/// <summary>Graph work on the group tree: depth from <c>all</c> and the hosts of each group including its children.</summary>
internal static class GroupDepths
{
    /// <summary>Longest chain of children from <c>all</c>; a cycle is reported, not followed.</summary>
    public static Dictionary<string, int> Compute(IReadOnlyDictionary<string, IReadOnlyList<string>> children, Func<string, SourceSpan> spanOf, Diagnostics diagnostics)
    {
        var depth = new Dictionary<string, int>(StringComparer.Ordinal);
        var onPath = new HashSet<string>(StringComparer.Ordinal);
        void Visit(string group, int d)
        {
            if (!onPath.Add(group))
            {
                diagnostics.Add(spanOf(group), $"group '{group}' is its own descendant through 'children'", "remove the child entry that closes the loop");
                return;
            }
            if (!depth.TryGetValue(group, out var known) || d > known)
            {
                depth[group] = d;
                foreach (var c in children.GetValueOrDefault(group) ?? []) Visit(c, d + 1);
            }
            onPath.Remove(group);
        }
        Visit(Inventory.AllGroup, 0);
        return depth;
    }

    /// <summary>Every host of a group, directly or through any child group; <c>all</c> holds every host.</summary>
    public static Dictionary<string, HashSet<string>> Members(IReadOnlyDictionary<string, IReadOnlyList<string>> hosts, IReadOnlyDictionary<string, IReadOnlyList<string>> children)
    {
        var result = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        HashSet<string> Of(string group, HashSet<string> seen)
        {
            if (result.TryGetValue(group, out var done)) return done;
            var set = new HashSet<string>(hosts.GetValueOrDefault(group) ?? [], StringComparer.Ordinal);
            if (seen.Add(group))
                foreach (var c in children.GetValueOrDefault(group) ?? []) set.UnionWith(Of(c, seen));
            return result[group] = set;
        }
        foreach (var g in hosts.Keys) Of(g, new HashSet<string>(StringComparer.Ordinal));
        result[Inventory.AllGroup] = hosts.Values.SelectMany(h => h).ToHashSet(StringComparer.Ordinal);
        return result;
    }
}
