using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Provisioner.Yaml;

/// <summary>
/// Reads YAML through YamlDotNet's representation model so that every node keeps its line and
/// column. A scalar tagged <c>!secret</c> (or any scalar of a file loaded as secret) is marked
/// secret and is masked wherever it is shown.
/// </summary>
public static class YamlLoader
{
    public const string SecretTag = "!secret";

    public static Node? LoadFile(string path, Diagnostics diagnostics, bool allSecret = false)
    {
        if (!File.Exists(path))
        {
            diagnostics.Add(SourceSpan.CommandLine(path), "file not found", "check the path (it is relative to the current directory)");
            return null;
        }
        return LoadText(File.ReadAllText(path), path, diagnostics, allSecret);
    }

    public static Node? LoadText(string text, string file, Diagnostics diagnostics, bool allSecret = false)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            var inner = ex.InnerException is YamlException ie ? ie : ex;
            diagnostics.Add(new SourceSpan(file, (int)inner.Start.Line, (int)inner.Start.Column),
                $"YAML syntax error: {Clean(inner.Message)}", "fix the YAML syntax (indentation, a missing ':' or an unclosed quote)");
            return null;
        }
        if (stream.Documents.Count == 0) return new MapNode([], new SourceSpan(file, 1, 1));
        if (stream.Documents.Count > 1)
            diagnostics.Add(new SourceSpan(file, 1, 1), "more than one YAML document in the file", "keep one document per file (remove extra '---' separators)");
        return Convert(stream.Documents[0].RootNode, file, diagnostics, allSecret);
    }

    private static string Clean(string message)
    {
        // YamlDotNet prefixes positions we already report.
        var idx = message.IndexOf("): ", StringComparison.Ordinal);
        return idx >= 0 && message.StartsWith('(') ? message[(idx + 3)..] : message;
    }

    private static Node Convert(YamlNode node, string file, Diagnostics diagnostics, bool allSecret)
    {
        var span = new SourceSpan(file, (int)node.Start.Line, (int)node.Start.Column);
        switch (node)
        {
            case YamlScalarNode s:
                var secret = allSecret || (!s.Tag.IsEmpty && !s.Tag.IsNonSpecific && s.Tag.Value == SecretTag);
                var quoted = s.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded;
                return new ScalarNode(s.Value ?? "", span, secret, quoted || secret);
            case YamlSequenceNode seq:
                return new ListNode(seq.Children.Select(c => Convert(c, file, diagnostics, allSecret)).ToList(), span);
            case YamlMappingNode map:
                var entries = new List<KeyValuePair<ScalarNode, Node>>();
                var seen = new HashSet<string>();
                foreach (var (k, v) in map.Children)
                {
                    var keySpan = new SourceSpan(file, (int)k.Start.Line, (int)k.Start.Column);
                    if (k is not YamlScalarNode ks)
                    {
                        diagnostics.Add(keySpan, "a mapping key must be a plain string", "write the key as text");
                        continue;
                    }
                    var key = new ScalarNode(ks.Value ?? "", keySpan);
                    if (!seen.Add(key.Value))
                        diagnostics.Add(keySpan, $"duplicate key '{key.Value}'", "remove one of the two entries");
                    entries.Add(new(key, Convert(v, file, diagnostics, allSecret)));
                }
                return new MapNode(entries, span);
            default:
                diagnostics.Add(span, "unsupported YAML node", "use plain scalars, lists and mappings");
                return new ScalarNode("", span);
        }
    }
}
