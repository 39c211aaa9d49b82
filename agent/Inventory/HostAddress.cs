using System.Globalization;
using System.Text.RegularExpressions;

namespace Provisioner.Inventories;

/// <summary>
/// A host as an inventory writes it, split as Ansible's parse_address splits it: <c>name:PORT</c>
/// (the name may hold ranges, <c>web[01:03]:2222</c>), <c>[IPv6]:PORT</c>, or the whole text — so a
/// bare IPv6 address (<c>2001:db8::1</c>) is a host, never a name with a port or a range.
/// </summary>
public static partial class HostAddress
{
    public static (string Host, int? Port) Split(string pattern)
    {
        if (BracketedWithPort().Match(pattern) is { Success: true } b && b.Groups["host"].Value.Contains(':', StringComparison.Ordinal))
            return (b.Groups["host"].Value, Port(b.Groups["port"].Value));
        if (WithPort().Match(pattern) is { Success: true } m && Port(m.Groups["port"].Value) is { } port)
            return (m.Groups["host"].Value, port);
        return (pattern, null);
    }

    private static int? Port(string digits) =>
        int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : null;

    [GeneratedRegex(@"^\[(?<host>[^\]]+)\]:(?<port>[0-9]+)$")]
    private static partial Regex BracketedWithPort();

    // The name's colons may only be inside [ranges]; one more colon, then digits.
    [GeneratedRegex(@"^(?<host>(?:[^:\[\]]|\[[^\]]*\])+):(?<port>[0-9]+)$")]
    private static partial Regex WithPort();
}
