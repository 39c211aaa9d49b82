namespace Provisioner.Transport;

public enum KnownHostsMarker { None, Revoked, CertAuthority }

/// <summary>One parsed known_hosts line: <c>[@marker] patterns keytype base64-key [comment]</c>.</summary>
public sealed record KnownHostsEntry(KnownHostsMarker Marker, IReadOnlyList<string> Patterns, string KeyType, byte[] KeyBlob, int Line)
{
    /// <summary>Null for blank lines, comments and lines ssh itself would skip (bad base64, too few fields).</summary>
    public static KnownHostsEntry? Parse(string text, int line)
    {
        var fields = text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length == 0 || fields[0].StartsWith('#')) return null;

        var marker = KnownHostsMarker.None;
        var at = 0;
        if (fields[0].StartsWith('@'))
        {
            KnownHostsMarker? known = fields[0] switch
            {
                "@revoked" => KnownHostsMarker.Revoked,
                "@cert-authority" => KnownHostsMarker.CertAuthority,
                _ => null,
            };
            if (known is null) return null; // ssh skips markers it does not know; so do we
            marker = known.Value;
            at = 1;
        }
        if (fields.Length < at + 3) return null;

        byte[] blob;
        try { blob = Convert.FromBase64String(fields[at + 2]); }
        catch (FormatException) { return null; }

        return new KnownHostsEntry(marker, fields[at].Split(','), fields[at + 1], blob, line);
    }

    public bool SameKey(byte[] blob) => KeyBlob.AsSpan().SequenceEqual(blob);

    /// <summary>
    /// OpenSSH semantics: any matching negated pattern (<c>!pat</c>) vetoes the line; otherwise one
    /// positive match is enough. Hashed patterns (<c>|1|salt|hash</c>) are compared by HMAC.
    /// </summary>
    public bool Matches(string hostName)
    {
        var matched = false;
        foreach (var pattern in Patterns)
        {
            var negated = pattern.StartsWith('!');
            var body = negated ? pattern[1..] : pattern;
            if (!KnownHostsPattern.Matches(body, hostName)) continue;
            if (negated) return false;
            matched = true;
        }
        return matched;
    }
}
