using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Numerics;
using Provisioner.Yaml;

namespace Provisioner.Net;

/// <summary>
/// Reads RIR "delegated" statistics files (registry|cc|type|start|value|date|status) offline and
/// turns one country's IPv4/IPv6 delegations into a minimal CIDR list. For ipv4 the value is an
/// address count (not always a power of two); for ipv6 it is a prefix length. An address record of
/// the countries asked for that cannot be read (a negative count, /129, digits that are not ASCII,
/// host bits set, too few fields) or that leaves the address space is an error at its line and
/// field: no block list built from that file can be trusted.
/// </summary>
public static class RirStats
{
    private static readonly BigInteger V4Space = BigInteger.One << 32;
    private const string Fix = "check the line: registry|cc|type|start|value|date|status, the value an address count (ipv4) or a prefix length (ipv6)";

    public static IReadOnlyList<Cidr> Country(IEnumerable<string> lines, IReadOnlyCollection<string> countries, Diagnostics errors, string file = "")
    {
        var blocks = new List<Cidr>();
        var n = 0;
        foreach (var raw in lines)
        {
            n++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var f = line.Split('|');
            // Version and summary lines: "2|apnic|…" and "apnic|*|ipv4|*|…|summary".
            if (f.Length < 3 || f[1] == "*" || f[^1] == "summary" || f[2] is not ("ipv4" or "ipv6")) continue;
            if (!countries.Contains(f[1].ToUpperInvariant())) continue;
            void Error(int field, string what) => errors.Add(new SourceSpan(file, n, Column(raw, line, f, field)), what, Fix);
            if (f.Length < 7)
            {
                Error(0, $"an {f[2]} record needs 7 fields separated by '|', this line has {f.Length}");
                continue;
            }
            if (f[6] is not ("allocated" or "assigned")) continue;
            if (f[2] == "ipv4")
            {
                if (!IPAddress.TryParse(f[3], out var v4) || v4.AddressFamily != AddressFamily.InterNetwork || !f[3].All(c => char.IsAsciiDigit(c) || c == '.') || f[3].Count(c => c == '.') != 3)
                    Error(3, $"'{f[3]}' is not an IPv4 address");
                else if (!f[4].All(char.IsAsciiDigit) || !BigInteger.TryParse(f[4], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count <= 0)
                    Error(4, $"the address count '{f[4]}' is not a whole number above 0 (ASCII digits)");
                else if (Cidr.ToNumber(v4) + count > V4Space)
                    Error(4, $"{f[4]} addresses from {f[3]} run past the end of the IPv4 address space");
                else
                    blocks.AddRange(Cidr.Cover(AddressFamily.InterNetwork, Cidr.ToNumber(v4), count));
            }
            else if (!IPAddress.TryParse(f[3], out var v6) || v6.AddressFamily != AddressFamily.InterNetworkV6 || !f[3].All(c => char.IsAsciiHexDigit(c) || c is ':' or '.'))
                Error(3, $"'{f[3]}' is not an IPv6 address");
            else if (!f[4].All(char.IsAsciiDigit) || !int.TryParse(f[4], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) || prefix > 128)
                Error(4, $"the prefix length '{f[4]}' is not a whole number from 0 to 128");
            else
            {
                var start = Cidr.ToNumber(v6);
                var block = new Cidr(AddressFamily.InterNetworkV6, start, prefix);
                if ((start & (block.Size - 1)) != 0) Error(3, $"{f[3]}/{prefix} has host bits set");
                else blocks.Add(block);
            }
        }
        return Cidr.Collapse(blocks);
    }

    /// <summary>The column (1-based) where field <paramref name="index"/> of the trimmed line starts in the raw line.</summary>
    private static int Column(string raw, string line, string[] fields, int index) =>
        raw.IndexOf(line, StringComparison.Ordinal) + fields.Take(index).Sum(x => x.Length + 1) + 1;
}
