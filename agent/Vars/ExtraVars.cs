using System.Text.RegularExpressions;
using Provisioner.Yaml;

namespace Provisioner.Variables;

/// <summary>
/// The command line's variable layers: <c>--vars-file FILE</c> and <c>-e</c>, which takes
/// <c>key=value</c> pairs (values stay strings, as in Ansible), <c>@file.yml</c>, or an inline
/// JSON / YAML flow mapping such as <c>{"ports": [25, 587]}</c>.
/// </summary>
public static partial class ExtraVars
{
    /// <summary>All --vars-file layers in order, then all -e layers in order (so -e wins).</summary>
    public static IReadOnlyList<MapNode> Layers(IEnumerable<string> varsFiles, IEnumerable<string> extraVars, Diagnostics diagnostics, Vault.VaultKeys? vault = null)
    {
        var layers = new List<MapNode>();
        foreach (var f in varsFiles)
            if (VarsFile.Load(f, diagnostics, vault) is { } m) layers.Add(m);
        foreach (var e in extraVars)
            if (Parse(e, diagnostics, vault) is { } m) layers.Add(m);
        return layers;
    }

    /// <summary>Parses one <c>-e</c> argument.</summary>
    public static MapNode? Parse(string argument, Diagnostics diagnostics, Vault.VaultKeys? vault = null)
    {
        var text = argument.Trim();
        if (text.StartsWith('@')) return VarsFile.Load(text[1..], diagnostics, vault);
        if (text.StartsWith('{'))
        {
            // JSON is YAML, so one loader reads both; errors name "-e" rather than echo a value that may be secret.
            return YamlLoader.LoadText(text, "-e", diagnostics, vault: vault) switch
            {
                MapNode m => m,
                null => null,
                var other => Fail(other.Span),
            };
        }
        var entries = new List<KeyValuePair<ScalarNode, Node>>();
        foreach (var pair in Split(text))
        {
            var eq = pair.IndexOf('=');
            var key = eq > 0 ? pair[..eq] : "";
            if (!Identifier().IsMatch(key))
            {
                // Show only the part before '=': the value may be a password.
                diagnostics.Add(SourceSpan.CommandLine($"-e '{(eq > 0 ? key : pair)}'"),
                    "expected key=value, @FILE or a JSON/YAML mapping", "write -e name=value (name: letters, digits, '_'), -e @vars.yml or -e '{\"name\": 1}'");
                continue;
            }
            var span = SourceSpan.CommandLine($"-e {key}");
            entries.Add(new(new ScalarNode(key, span), new ScalarNode(pair[(eq + 1)..], span, Quoted: true)));
        }
        return entries.Count == 0 && text.Length > 0 ? null : new MapNode(entries, SourceSpan.CommandLine("-e"));

        MapNode? Fail(SourceSpan span)
        {
            diagnostics.Add(span, "-e with an inline value must be a mapping", "write -e '{\"name\": \"value\"}'");
            return null;
        }
    }

    /// <summary>Splits on spaces outside quotes, so -e "motd='hello world' port=25" gives two pairs.</summary>
    private static IEnumerable<string> Split(string text)
    {
        var current = new System.Text.StringBuilder();
        char? quote = null;
        foreach (var c in text)
        {
            if (quote is null && c is '\'' or '"') { quote = c; continue; }
            if (quote == c) { quote = null; continue; }
            if (quote is null && char.IsWhiteSpace(c))
            {
                if (current.Length > 0) { yield return current.ToString(); current.Clear(); }
                continue;
            }
            current.Append(c);
        }
        if (current.Length > 0) yield return current.ToString();
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();
}
