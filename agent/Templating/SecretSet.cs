using System.Collections.Concurrent;

namespace Provisioner.Templating;

/// <summary>
/// Every secret value known to the run: the values marked secret, and every text rendered or derived
/// from one (a secret that is a template, once rendered; a filter's output on a secret). Anything shown
/// to a person or written to a log, report or diff passes through <see cref="Mask"/>, so a secret that
/// was rendered into a larger string is still hidden.
/// </summary>
public sealed class SecretSet
{
    private readonly ConcurrentDictionary<string, byte> _values = new(StringComparer.Ordinal);
    private string[] _longestFirst = [];
    public const string Placeholder = "********";

    public void Add(string value)
    {
        // Very short values would mask ordinary text everywhere; secrets that short are not secrets.
        if (value.Length >= 4) _values.TryAdd(value, 0);
    }

    public bool IsEmpty => _values.IsEmpty;

    /// <summary>Whether the text holds a secret anywhere in it.</summary>
    public bool Contains(string text)
    {
        foreach (var (secret, _) in _values)
            if (text.Contains(secret, StringComparison.Ordinal)) return true;
        return false;
    }

    public string Mask(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        // Longest first: a value derived from a secret often contains the secret itself.
        var secrets = _longestFirst;
        if (secrets.Length != _values.Count) _longestFirst = secrets = [.. _values.Keys.OrderByDescending(v => v.Length)];
        foreach (var s in secrets)
            if (text.Contains(s, StringComparison.Ordinal)) text = text.Replace(s, Placeholder, StringComparison.Ordinal);
        return text;
    }
}
