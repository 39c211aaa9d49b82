using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Provisioner.Yaml;

/// <summary>
/// Builds the <see cref="Node"/> tree of one YAML document from the parser's events, without
/// recursion, so nesting depth (<see cref="InputLimits.MaxYamlDepth"/>) and what aliases add
/// (<see cref="InputLimits.MaxAliasNodes"/>) are checked before a deep or huge tree exists. An alias
/// is the anchored node itself (nodes are immutable), counted as often as it is used.
/// </summary>
internal sealed class NodeBuilder(string file, Diagnostics diagnostics, bool allSecret, Vault.VaultKeys vault)
{
    private sealed record Built(Node Node, long Size, int Height);

    private sealed class Open(SourceSpan span, string? anchor, bool isMap, bool secret)
    {
        public SourceSpan Span { get; } = span;
        public string? Anchor { get; } = anchor;
        public bool IsMap { get; } = isMap;

        /// <summary>Tagged !secret, which is refused; what is inside is still kept secret should another error quote it.</summary>
        public bool Secret { get; } = secret;
        public List<Node> Items { get; } = [];
        public List<KeyValuePair<ScalarNode, Node>> Entries { get; } = [];
        public HashSet<string> Keys { get; } = new(StringComparer.Ordinal);
        public bool HasKey { get; set; }
        public ScalarNode? Key { get; set; } // null with HasKey: a key that was reported, its value is dropped
        public long Size { get; set; } = 1;
        public int Height { get; set; } = 1;
    }

    private readonly Dictionary<string, Built> _anchors = new(StringComparer.Ordinal);
    private readonly Stack<Open> _open = new();
    private long _aliasNodes;

    /// <summary>
    /// Reads one document's root node from a parser positioned at its first event, and leaves the
    /// parser after it; null when a limit was hit.
    /// </summary>
    public Node? Document(IParser parser)
    {
        while (parser.Current is { } e)
        {
            parser.MoveNext();
            var span = new SourceSpan(file, (int)e.Start.Line, (int)e.Start.Column);
            Built? done;
            switch (e)
            {
                case SequenceStart or MappingStart when _open.Count >= InputLimits.MaxYamlDepth:
                    return TooDeep(span);
                case SequenceStart s:
                    _open.Push(new Open(span, Anchor(s.Anchor), isMap: false, secret: Container(s.Tag, span, "list")));
                    continue;
                case MappingStart m:
                    _open.Push(new Open(span, Anchor(m.Anchor), isMap: true, secret: Container(m.Tag, span, "mapping")));
                    continue;
                case SequenceEnd or MappingEnd:
                    var open = _open.Pop();
                    Node node = open.IsMap ? MergeKeys.Apply(new MapNode(open.Entries, open.Span), diagnostics) : new ListNode(open.Items, open.Span);
                    done = Remember(open.Anchor, new Built(node, open.Size, open.Height));
                    break;
                case Scalar s when Tagged(s, YamlLoader.VaultTag):
                    // Never the ciphertext as a value: decrypted, or an error here.
                    var plain = vault.Decrypt(s.Value ?? "", span, "this !vault value", diagnostics);
                    done = Remember(Anchor(s.Anchor), new Built(new ScalarNode(plain ?? "", span, Secret: true, Quoted: true), 1, 0));
                    break;
                case Scalar s:
                    YamlTags.Unknown(s.Tag, span, diagnostics);
                    var secret = allSecret || Tagged(s, YamlLoader.SecretTag) || _open.Any(o => o.Secret);
                    var quoted = s.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded || YamlTags.IsText(s.Tag);
                    done = Remember(Anchor(s.Anchor), new Built(new ScalarNode(s.Value ?? "", span, secret, quoted || secret), 1, 0));
                    break;
                case AnchorAlias a:
                    if (!_anchors.TryGetValue(a.Value.Value, out var target))
                    {
                        diagnostics.Add(span, $"alias '*{a.Value.Value}' refers to no anchor defined before it", $"define '&{a.Value.Value}' earlier in the file");
                        return null;
                    }
                    if (_open.Count + target.Height > InputLimits.MaxYamlDepth) return TooDeep(span);
                    _aliasNodes += target.Size;
                    if (_aliasNodes > InputLimits.MaxAliasNodes)
                    {
                        diagnostics.Add(span, $"YAML aliases expand to more than {InputLimits.MaxAliasNodes} nodes (alias expansion limit)",
                            "use fewer aliases: an anchor that holds aliases multiplies them");
                        return null;
                    }
                    done = target;
                    break;
                default:
                    continue;
            }
            if (_open.Count == 0) return done.Node;
            Add(_open.Peek(), done);
        }
        return null;
    }

    private void Add(Open parent, Built child)
    {
        parent.Size += child.Size;
        parent.Height = Math.Max(parent.Height, child.Height + 1);
        if (!parent.IsMap)
        {
            parent.Items.Add(child.Node);
            return;
        }
        if (!parent.HasKey)
        {
            parent.HasKey = true;
            parent.Key = child.Node as ScalarNode;
            if (parent.Key is null)
                diagnostics.Add(child.Node.Span, "a mapping key must be a plain string", "write the key as text");
            else if (!parent.Keys.Add(parent.Key.Value))
                diagnostics.Add(parent.Key.Span, $"duplicate key '{parent.Key.Value}'", "remove one of the two entries");
            return;
        }
        // Keys are never secret, even in a secret file: they are the names, not the values.
        if (parent.Key is { } key) parent.Entries.Add(new(key with { Secret = false, Quoted = false }, child.Node));
        parent.HasKey = false;
        parent.Key = null;
    }

    private Built Remember(string? anchor, Built built)
    {
        if (anchor is not null) _anchors[anchor] = built;
        return built;
    }

    /// <summary>A list's or mapping's tag: !secret marks one value, so on a container it is refused; true when it was there.</summary>
    private bool Container(TagName tag, SourceSpan span, string what)
    {
        if (YamlTags.Written(tag) != YamlLoader.SecretTag)
        {
            YamlTags.Unknown(tag, span, diagnostics);
            return false;
        }
        diagnostics.Add(span, $"'!secret' marks one text value, not a {what}", $"put !secret on each value inside the {what}, or move them to a file named *.secret.yml");
        return true;
    }

    private static bool Tagged(Scalar s, string tag) => !s.Tag.IsEmpty && !s.Tag.IsNonSpecific && s.Tag.Value == tag;

    private static string? Anchor(AnchorName name) => name.IsEmpty ? null : name.Value;

    private Node? TooDeep(SourceSpan span)
    {
        diagnostics.Add(span, $"YAML nested deeper than {InputLimits.MaxYamlDepth} levels (nesting depth limit)", "flatten the structure");
        return null;
    }
}
