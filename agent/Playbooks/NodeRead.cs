using Provisioner.Modules;
using Provisioner.Yaml;

namespace Provisioner.Playbooks;

/// <summary>Reads playbook keywords into plain values, reporting a wrong shape at the value's position.</summary>
internal static class NodeRead
{
    public static string? Text(Node? node, string key, Diagnostics d)
    {
        switch (node)
        {
            case null: return null;
            case ScalarNode s when s.IsNull: return null;
            case ScalarNode s: return s.Value;
            default:
                d.Add(node.Span, $"'{key}' must be a single value, not {Describe(node)}", $"write {key}: VALUE");
                return null;
        }
    }

    public static bool? Bool(Node? node, string key, Diagnostics d)
    {
        var text = Text(node, key, d);
        if (text is null) return null;
        if (ArgReader.TryBool(text, out var b)) return b;
        d.Add(node!.Span, $"'{key}' must be true or false, not '{text}'", $"write {key}: true or {key}: false");
        return null;
    }

    public static int? Int(Node? node, string key, Diagnostics d)
    {
        var text = Text(node, key, d);
        if (text is null) return null;
        if (int.TryParse(text, out var i) && i >= 0) return i;
        d.Add(node!.Span, $"'{key}' must be a whole number, not '{text}'", $"write {key}: 3");
        return null;
    }

    /// <summary>A <c>vars</c>-like mapping of names to values, template syntax checked; null when absent or not a mapping (told).</summary>
    public static MapNode? Vars(Node? node, string key, Diagnostics d)
    {
        switch (node)
        {
            case null or ScalarNode { IsNull: true }: return null;
            case MapNode m: TemplateCheck.Scalars(m, d); return m;
            default:
                d.Add(node.Span, $"'{key}' must be a mapping, not {Describe(node)}", $"write {key}: {{ name: value }}");
                return null;
        }
    }

    /// <summary>A single scalar or a list of scalars (Ansible accepts both for notify, tags, vars_files).</summary>
    public static IReadOnlyList<ScalarNode> Scalars(Node? node, string key, Diagnostics d)
    {
        switch (node)
        {
            case null: return [];
            case ScalarNode s when s.IsNull: return [];
            case ScalarNode s: return [s];
            case ListNode l:
                var items = new List<ScalarNode>();
                foreach (var item in l.Items)
                {
                    if (item is ScalarNode si) items.Add(si);
                    else d.Add(item.Span, $"each item of '{key}' must be a single value, not {Describe(item)}", $"write {key}: [a, b]");
                }
                return items;
            default:
                d.Add(node.Span, $"'{key}' must be a value or a list, not {Describe(node)}", $"write {key}: [a, b]");
                return [];
        }
    }

    /// <summary>Reports keys that are not in <paramref name="known"/>, suggesting the nearest one.</summary>
    /// <param name="elsewhere">For a key no known one is near: what to do instead (where it belongs).</param>
    public static void UnknownKeys(MapNode map, IReadOnlyCollection<string> known, string what, Diagnostics d, Func<string, string>? elsewhere = null)
    {
        foreach (var key in map.Entries.Select(e => e.Key).Where(k => !known.Contains(k.Value)))
            d.Add(key.Span, $"unknown {what} key '{key.Value}'",
                elsewhere is not null && Suggest.DidYouMean(key.Value, known) is null ? elsewhere(key.Value) : Hint(key.Value, known));
    }

    public static string Hint(string input, IEnumerable<string> known) =>
        Suggest.DidYouMean(input, known) is { } s ? $"did you mean '{s}'?" : $"use one of: {string.Join(", ", known)}";

    public static string Describe(Node node) => node switch
    {
        ListNode => "a list",
        MapNode => "a mapping",
        ScalarNode s => $"'{s}'",
        _ => "this value",
    };

    public static bool HasTemplate(Node node) => node switch
    {
        ScalarNode s => Templating.TemplateEngine.IsTemplate(s.Value),
        ListNode l => l.Items.Any(HasTemplate),
        MapNode m => m.Entries.Any(e => HasTemplate(e.Value)),
        _ => false,
    };
}
