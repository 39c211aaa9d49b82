namespace Provisioner.Yaml;

/// <summary>
/// An immutable YAML value that keeps its source position. Playbooks, inventories and vars are all
/// read into this tree so validation and runtime errors can name file:line:column.
/// </summary>
public abstract record Node(SourceSpan Span)
{
    /// <summary>True when the value (or anything inside it) was marked secret.</summary>
    public abstract bool ContainsSecret { get; }
}

public sealed record ScalarNode(string Value, SourceSpan Span, bool Secret = false, bool Quoted = false) : Node(Span)
{
    public override bool ContainsSecret => Secret;
    public bool IsNull => !Quoted && (Value is "" or "~" or "null" or "Null" or "NULL");
    public override string ToString() => Secret ? "********" : Value;
}

public sealed record ListNode(IReadOnlyList<Node> Items, SourceSpan Span) : Node(Span)
{
    public override bool ContainsSecret => Items.Any(i => i.ContainsSecret);
}

public sealed record MapNode(IReadOnlyList<KeyValuePair<ScalarNode, Node>> Entries, SourceSpan Span) : Node(Span)
{
    public override bool ContainsSecret => Entries.Any(e => e.Value.ContainsSecret);

    public Node? Get(string key) => Entries.FirstOrDefault(e => e.Key.Value == key).Value;

    public ScalarNode? KeyNode(string key) => Entries.FirstOrDefault(e => e.Key.Value == key).Key;

    public IEnumerable<string> Keys => Entries.Select(e => e.Key.Value);

    public static MapNode Empty(SourceSpan span) => new([], span);
}
