namespace Provisioner.Yaml;

/// <summary>
/// YAML's merge key, as PyYAML (so Ansible) reads it: <c>&lt;&lt;: *defaults</c> or
/// <c>&lt;&lt;: [*a, *b]</c> puts the named mappings' entries into this one; the mapping's own keys win,
/// and among several mappings the first one that has a key gives it.
/// </summary>
internal static class MergeKeys
{
    public const string Key = "<<";

    public static MapNode Apply(MapNode map, Diagnostics diagnostics)
    {
        if (!map.Entries.Any(e => e.Key.Value == Key)) return map;
        var own = map.Entries.Where(e => e.Key.Value != Key).ToList();
        var taken = own.Select(e => e.Key.Value).ToHashSet(StringComparer.Ordinal);
        var merged = new List<KeyValuePair<ScalarNode, Node>>();
        foreach (var (_, value) in map.Entries.Where(e => e.Key.Value == Key))
        {
            IEnumerable<Node> sources = value is ListNode list ? list.Items : [value];
            foreach (var source in sources)
            {
                if (source is not MapNode from)
                {
                    diagnostics.Add(source.Span, "a merge key '<<' takes a mapping or a list of mappings", "write <<: *anchor or <<: [*a, *b], the anchors on mappings");
                    continue;
                }
                foreach (var entry in from.Entries)
                    if (taken.Add(entry.Key.Value)) merged.Add(entry);
            }
        }
        return map with { Entries = [.. merged, .. own] };
    }
}
