namespace Provisioner.Yaml;

/// <summary>One problem in the user's input: where, what is wrong, and what to do about it.</summary>
public sealed record Diagnostic(SourceSpan Span, string Message, string? Fix = null)
{
    public override string ToString() => Fix is null ? $"{Span}: {Message}" : $"{Span}: {Message} — {Fix}";
}

/// <summary>Collects every problem so the user sees them all at once rather than one per run.</summary>
public sealed class Diagnostics
{
    private readonly List<Diagnostic> _items = [];
    public IReadOnlyList<Diagnostic> Items => _items;
    public bool HasErrors => _items.Count > 0;
    public void Add(SourceSpan span, string message, string? fix = null) => _items.Add(new Diagnostic(span, message, fix));
    public void AddRange(IEnumerable<Diagnostic> items) => _items.AddRange(items);
}
