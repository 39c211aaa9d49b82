using Provisioner.Yaml;

namespace Provisioner.Inventories;

/// <summary>
/// Reads Ansible's INI inventory dialect into the same tree a YAML inventory gives, so one builder
/// serves both: <c>[group]</c> host lines (<c>NAME[:PORT] key=value ...</c>), <c>[group:vars]</c>,
/// <c>[group:children]</c>, hosts before any section in <c>ungrouped</c>, <c>#</c> and <c>;</c> comments.
/// Every name and value keeps its line and column.
/// </summary>
public static class IniInventory
{
    private enum Kind { Hosts, Vars, Children }

    public static MapNode Read(string text, string file, Diagnostics d)
    {
        var groups = new Dictionary<string, GroupParts>(StringComparer.Ordinal);
        var order = new List<string>();
        GroupParts Group(string name, SourceSpan span)
        {
            if (groups.TryGetValue(name, out var g)) return g;
            order.Add(name);
            return groups[name] = new GroupParts(new ScalarNode(name, span));
        }

        var (group, kind) = ("ungrouped", Kind.Hosts);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var raw = lines[i].TrimEnd('\r');
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';') continue;
            var at = new SourceSpan(file, i + 1, raw.Length - raw.TrimStart().Length + 1);
            if (line[0] == '[' && !line.Contains(']', StringComparison.Ordinal))
            {
                d.Add(at, $"the section header '{line}' has no closing ']'", "write [GROUP], [GROUP:vars] or [GROUP:children]");
                (group, kind) = ("ungrouped", Kind.Hosts);
                continue;
            }
            if (SectionHeader(line) is { } header)
            {
                var colon = header.IndexOf(':', StringComparison.Ordinal);
                var suffix = colon < 0 ? "" : header[(colon + 1)..];
                (group, kind) = (colon < 0 ? header : header[..colon], suffix switch
                {
                    "" => Kind.Hosts,
                    "vars" => Kind.Vars,
                    "children" => Kind.Children,
                    _ => (Kind)(-1),
                });
                if ((int)kind < 0 || group.Length == 0 || group.Any(char.IsWhiteSpace))
                {
                    d.Add(at, $"'[{header}]' is not a section of an INI inventory", "write [GROUP], [GROUP:vars] or [GROUP:children]");
                    kind = Kind.Hosts;
                    group = "ungrouped";
                    continue;
                }
                Group(group, at);
                continue;
            }
            var parts = Group(group, at);
            switch (kind)
            {
                case Kind.Vars:
                    if (IniWords.Pair(line, at, d, out var key, out var value)) parts.Vars.Add(new(key, value));
                    break;
                case Kind.Children:
                    if (line.Any(char.IsWhiteSpace)) d.Add(at, $"'{line}' in [{group}:children] is not one group name", "write one child group per line");
                    else { Group(line, at); parts.Children.Add(new(new ScalarNode(line, at), new ScalarNode("", at))); }
                    break;
                default:
                    if (IniWords.HostLine(raw, i + 1, file, d) is { } host) parts.Hosts.Add(host);
                    break;
            }
        }

        // Every group at the top, as Ansible's INI parser declares them: the inventory makes the groups
        // no other group lists children of `all`, in this order.
        return new MapNode(order.Select(n => new KeyValuePair<ScalarNode, Node>(groups[n].Name, groups[n].ToNode())).ToList(), new SourceSpan(file, 1, 1));
    }

    /// <summary>What is between the brackets of "[web:vars]" (a comment may follow), or null for a host line such as "[::1]:22".</summary>
    private static string? SectionHeader(string line)
    {
        var close = line.IndexOf(']', StringComparison.Ordinal);
        if (line[0] != '[' || close < 0) return null;
        var rest = line[(close + 1)..].TrimStart();
        return rest.Length == 0 || rest[0] is '#' or ';' ? line[1..close].Trim() : null;
    }

    private sealed class GroupParts(ScalarNode name)
    {
        public ScalarNode Name { get; } = name;
        public List<KeyValuePair<ScalarNode, Node>> Hosts { get; } = [];
        public List<KeyValuePair<ScalarNode, Node>> Vars { get; } = [];
        public List<KeyValuePair<ScalarNode, Node>> Children { get; } = [];

        public MapNode ToNode()
        {
            var span = Name.Span;
            var entries = new List<KeyValuePair<ScalarNode, Node>>();
            if (Hosts.Count > 0) entries.Add(new(new ScalarNode("hosts", span), new MapNode(Hosts, span)));
            if (Children.Count > 0) entries.Add(new(new ScalarNode("children", span), new MapNode(Children, span)));
            if (Vars.Count > 0) entries.Add(new(new ScalarNode("vars", span), new MapNode(Vars, span)));
            return new MapNode(entries, span);
        }
    }
}
