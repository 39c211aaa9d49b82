using System.Collections.Immutable;
using System.Globalization;
using Provisioner.Yaml;

namespace Provisioner.Templating;

/// <summary>
/// Variables visible to templates and conditions: plain CLR values (string, bool, long, list,
/// dictionary). Immutable; each layer of precedence or loop item makes a new instance.
/// Values come in two kinds: what the user wrote (vars layers, whose strings may themselves be
/// templates, rendered when read) and data the run produced (facts, registered results, loop
/// items), which is never rendered, so a command's output that contains <c>{{</c> stays text.
/// </summary>
public sealed class Vars
{
    private Vars(ImmutableDictionary<string, object?> values, ImmutableHashSet<string> templated, ImmutableHashSet<string> pinned, SecretSet secrets) =>
        (Values, Templated, Pinned, Secrets) = (values, templated, pinned, secrets);

    public static Vars Empty(SecretSet secrets) => new(ImmutableDictionary<string, object?>.Empty, ImmutableHashSet<string>.Empty, ImmutableHashSet<string>.Empty, secrets);

    public ImmutableDictionary<string, object?> Values { get; }
    public SecretSet Secrets { get; }

    /// <summary>Names whose values the user wrote, so their strings are templates.</summary>
    public ImmutableHashSet<string> Templated { get; }

    /// <summary>Names the command line set (-e, --vars-file): no stage's or task's vars replace them.</summary>
    public ImmutableHashSet<string> Pinned { get; }

    /// <summary>Data the run produced: used as it is, never rendered.</summary>
    public Vars With(string name, object? value) => new(Values.SetItem(name, value), Templated.Remove(name), Pinned, Secrets);

    /// <summary>Without a name, as if it had never been set.</summary>
    public Vars Without(string name) => new(Values.Remove(name), Templated.Remove(name), Pinned, Secrets);

    /// <summary>A layer the user wrote. Later layers win: <c>a.Merge(b)</c> keeps b's value where both define a name.</summary>
    public Vars Merge(IEnumerable<KeyValuePair<string, object?>> layer)
    {
        var entries = layer.ToList();
        return new(Values.SetItems(entries), Templated.Union(entries.Select(e => e.Key)), Pinned, Secrets);
    }

    public Vars Pin(IEnumerable<string> names) => new(Values, Templated, Pinned.Union(names), Secrets);

    public bool TryResolve(string dottedPath, out object? value)
    {
        value = null;
        object? current = Values;
        foreach (var part in dottedPath.Split('.'))
        {
            if (current is IReadOnlyDictionary<string, object?> d && d.TryGetValue(part, out var next)) current = next;
            else if (current is IDictionary<string, object?> d2 && d2.TryGetValue(part, out var next2)) current = next2;
            else if (current is IReadOnlyList<object?> l && int.TryParse(part, out var i) && i >= 0 && i < l.Count) current = l[i];
            else return false;
        }
        value = current;
        return true;
    }

    /// <summary>Turns a YAML value into template data; secret scalars are registered for masking.</summary>
    public static object? FromNode(Node node, SecretSet secrets)
    {
        switch (node)
        {
            case ScalarNode s:
                if (s.Secret) { secrets.Add(s.Value); return s.Value; }
                if (s.IsNull) return null;
                if (s.Quoted) return s.Value;
                if (s.Value is "true" or "True" or "yes") return true;
                if (s.Value is "false" or "False" or "no") return false;
                // A leading zero (0644) keeps the digits as written; zero itself is a number.
                if (long.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) && (!s.Value.StartsWith('0') || s.Value == "0")) return l;
                return YamlFloat.TryParse(s.Value, out var f) ? f : s.Value;
            case ListNode list:
                return list.Items.Select(i => FromNode(i, secrets)).ToList();
            case MapNode map:
                var dict = new Dictionary<string, object?>();
                foreach (var (k, v) in map.Entries) dict[k.Value] = FromNode(v, secrets);
                return dict;
            default:
                return null;
        }
    }

    /// <summary>Every scalar inside a value as text (a list's items, a mapping's values), for registering secrets.</summary>
    public static IEnumerable<string> Strings(object? value) => value switch
    {
        string s => [s],
        bool => [],
        IFormattable f => [f.ToString(null, CultureInfo.InvariantCulture)],
        IReadOnlyDictionary<string, object?> d => d.Values.SelectMany(Strings),
        IReadOnlyList<object?> l => l.SelectMany(Strings),
        _ => [],
    };

    public static IEnumerable<KeyValuePair<string, object?>> LayerFrom(MapNode map, SecretSet secrets) =>
        map.Entries.Select(e => new KeyValuePair<string, object?>(e.Key.Value, FromNode(e.Value, secrets)));
}
