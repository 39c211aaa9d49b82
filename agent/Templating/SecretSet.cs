using System.Collections.Concurrent;

namespace Provisioner.Templating;

/// <summary>
/// Every secret value known to the run. Anything shown to a person or written to a log, report or
/// diff passes through <see cref="Mask"/>, so a secret that was rendered into a larger string is
/// still hidden.
/// </summary>
public sealed class SecretSet
{
    private readonly ConcurrentDictionary<string, byte> _values = new();
    public const string Placeholder = "********";

    public void Add(string value)
    {
        // Very short values would mask ordinary text everywhere; secrets that short are not secrets.
        if (value.Length >= 4) _values.TryAdd(value, 0);
    }

    public bool Contains(string text) => _values.Keys.Any(text.Contains);

    public string Mask(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        foreach (var s in _values.Keys.OrderByDescending(v => v.Length))
            if (text.Contains(s, StringComparison.Ordinal)) text = text.Replace(s, Placeholder, StringComparison.Ordinal);
        return text;
    }
}
