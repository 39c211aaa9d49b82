using System.Globalization;

namespace Provisioner.Transport.SshConfig;

/// <summary>One hop of a ProxyJump list: <c>[user@]host[:port]</c> (an IPv6 host in brackets).</summary>
public sealed record JumpSpec(string? User, string Host, int? Port)
{
    /// <returns>The hops in order, or null when one is not of that form.</returns>
    public static IReadOnlyList<JumpSpec>? ParseList(string value)
    {
        var hops = new List<JumpSpec>();
        foreach (var part in value.Split(',', StringSplitOptions.TrimEntries))
        {
            if (Parse(part) is not { } hop) return null;
            hops.Add(hop);
        }
        return hops;
    }

    private static JumpSpec? Parse(string text)
    {
        if (text.StartsWith("ssh://", StringComparison.Ordinal)) text = text[6..].TrimEnd('/');
        var at = text.LastIndexOf('@');
        var user = at > 0 ? text[..at] : null;
        var rest = at >= 0 ? text[(at + 1)..] : text;
        string host;
        string? port = null;
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']', StringComparison.Ordinal);
            if (close < 0) return null;
            host = rest[1..close];
            if (close + 1 < rest.Length)
            {
                if (rest[close + 1] != ':') return null;
                port = rest[(close + 2)..];
            }
        }
        else
        {
            var colon = rest.LastIndexOf(':');
            host = colon >= 0 ? rest[..colon] : rest;
            port = colon >= 0 ? rest[(colon + 1)..] : null;
        }
        if (host.Length == 0) return null;
        if (port is null) return new JumpSpec(user, host, null);
        return int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is > 0 and < 65536
            ? new JumpSpec(user, host, p)
            : null;
    }

    public override string ToString() => (User is null ? "" : User + "@") + (Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host) + (Port is null ? "" : ":" + Port.Value.ToString(CultureInfo.InvariantCulture));
}
