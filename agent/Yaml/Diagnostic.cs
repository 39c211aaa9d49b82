using System.Collections;

namespace Provisioner.Yaml;

/// <summary>One problem in the user's input: where, what is wrong, and what to do about it.</summary>
public sealed record Diagnostic(SourceSpan Span, string Message, string? Fix = null)
{
    public override string ToString() => Fix is null ? $"{Span}: {Message}" : $"{Span}: {Message} — {Fix}";
}

/// <summary>
/// Collects every problem so the user sees them all at once rather than one per run. The collection
/// is the errors; <see cref="Warnings"/> are told but stop nothing (a secret file others can read).
/// </summary>
public sealed class Diagnostics : IReadOnlyList<Diagnostic>
{
    private readonly List<Diagnostic> _items = [];
    private readonly List<Diagnostic> _warnings = [];
    public IReadOnlyList<Diagnostic> Items => _items;
    public IReadOnlyList<Diagnostic> Warnings => _warnings;

    /// <summary>What was read differently from how it may look, told at <c>-v</c> (a group_vars file for no group).</summary>
    public IReadOnlyList<Diagnostic> Notes => _notes;
    private readonly List<Diagnostic> _notes = [];
    public bool HasErrors => _items.Count > 0;
    public int Count => _items.Count;
    public Diagnostic this[int index] => _items[index];
    public void Add(SourceSpan span, string message, string? fix = null) => _items.Add(new Diagnostic(span, message, fix));

    /// <summary>A warning is told once, however often the file that raises it is read.</summary>
    public void Warn(SourceSpan span, string message, string? fix = null)
    {
        var warning = new Diagnostic(span, message, fix);
        if (!_warnings.Contains(warning)) _warnings.Add(warning);
    }

    public void Note(SourceSpan span, string message, string? fix = null)
    {
        var note = new Diagnostic(span, message, fix);
        if (!_notes.Contains(note)) _notes.Add(note);
    }

    /// <summary>Adds errors; from another <see cref="Diagnostics"/>, its warnings and notes too.</summary>
    public void AddRange(IEnumerable<Diagnostic> items)
    {
        _items.AddRange(items);
        if (items is Diagnostics other)
        {
            foreach (var w in other.Warnings) Warn(w.Span, w.Message, w.Fix);
            foreach (var n in other.Notes) Note(n.Span, n.Message, n.Fix);
        }
    }

    public IEnumerator<Diagnostic> GetEnumerator() => _items.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
