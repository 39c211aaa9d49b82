using System.Globalization;
using Provisioner.Yaml;

namespace Provisioner.Templating;

/// <summary>Renders every template scalar inside a YAML value, keeping source positions.</summary>
public static class NodeRenderer
{
    public static Node Render(Node node, Vars vars, Diagnostics diagnostics)
    {
        switch (node)
        {
            case ScalarNode s when TemplateEngine.IsTemplate(s.Value):
                if (TemplateEngine.TryWholeValue(s.Value, vars, out var whole) && whole is not string)
                    return ToNode(whole, s.Span, vars.Secrets);
                var r = TemplateEngine.Render(s.Value, vars);
                if (!r.Ok)
                {
                    diagnostics.Add(s.Span, r.Problem, r.Fix ?? (r.Undefined.Count > 0 ? "define it in vars, vars_files, the inventory or with -e" : "fix the template syntax"));
                    return s;
                }
                return s with { Value = r.Text!, Secret = s.Secret || vars.Secrets.Contains(r.Text!), Quoted = true };
            case ListNode l:
                return l with { Items = l.Items.Select(i => Render(i, vars, diagnostics)).ToList() };
            case MapNode m:
                return m with { Entries = m.Entries.Select(e => new KeyValuePair<ScalarNode, Node>(e.Key, Render(e.Value, vars, diagnostics))).ToList() };
            default:
                return node;
        }
    }

    /// <summary>Turns template data back into a node (for whole-value references like <c>{{ users }}</c>).</summary>
    public static Node ToNode(object? value, SourceSpan span, SecretSet secrets) => value switch
    {
        null => new ScalarNode("", span),
        string s => new ScalarNode(s, span, secrets.Contains(s), true),
        bool b => new ScalarNode(b ? "true" : "false", span),
        IFormattable f => new ScalarNode(f.ToString(null, CultureInfo.InvariantCulture), span),
        IReadOnlyDictionary<string, object?> d => new MapNode(d.Select(kv => new KeyValuePair<ScalarNode, Node>(new ScalarNode(kv.Key, span), ToNode(kv.Value, span, secrets))).ToList(), span),
        IDictionary<string, object?> d => new MapNode(d.Select(kv => new KeyValuePair<ScalarNode, Node>(new ScalarNode(kv.Key, span), ToNode(kv.Value, span, secrets))).ToList(), span),
        System.Collections.IEnumerable e => new ListNode(e.Cast<object?>().Select(i => ToNode(i, span, secrets)).ToList(), span),
        _ => new ScalarNode(value.ToString() ?? "", span),
    };
}
