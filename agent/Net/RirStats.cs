using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Numerics;
using Provisioner.Yaml;

namespace Provisioner.Net;

/// <summary>
/// Reads RIR "delegated" statistics files (registry|cc|type|start|value|date|status) offline and
/// turns one country's IPv4/IPv6 delegations into a minimal CIDR list. For ipv4 the value is an
/// address count (not always a power of two); for ipv6 it is a prefix length. A line that cannot be
/// read is skipped with a warning; a range that leaves the address space is an error, since no
/// block list built from that file can be trusted.
/// </summary>
public static class RirStats
{
    private static readonly BigInteger V4Space = BigInteger.One << 32;

    public static IReadOnlyList<Cidr> Country(IEnumerable<string> lines, IReadOnlyCollection<string> countries, List<string> warnings, Diagnostics errors, string file = "")
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
            if (f.Length < 7 || f[1] == "*" || f[^1] == "summary") continue;
            if (!countries.Contains(f[1].ToUpperInvariant())) continue;
            if (f[6] is not ("allocated" or "assigned")) continue;
            if (f[2] == "ipv4" && IPAddress.TryParse(f[3], out var v4) && v4.AddressFamily == AddressFamily.InterNetwork
                && BigInteger.TryParse(f[4], NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0)
            {
                var start = Cidr.ToNumber(v4);
                if (start + count <= V4Space) blocks.AddRange(Cidr.Cover(AddressFamily.InterNetwork, start, count));
                else errors.Add(new SourceSpan(file, n, raw.IndexOf(line, StringComparison.Ordinal) + f[0].Length + f[1].Length + f[2].Length + f[3].Length + 5),
                    $"{f[4]} addresses from {f[3]} run past the end of the IPv4 address space", "check the line (the count is the 5th field)");
            }
            else if (f[2] == "ipv6" && IPAddress.TryParse(f[3], out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6
                && int.TryParse(f[4], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) && prefix is >= 0 and <= 128)
            {
                var start = Cidr.ToNumber(v6);
                var block = new Cidr(AddressFamily.InterNetworkV6, start, prefix);
                if ((start & (block.Size - 1)) != 0) warnings.Add($"{file}:{n}: {f[3]}/{prefix} has host bits set; skipped");
                else blocks.Add(block);
            }
            else if (f[2] is "ipv4" or "ipv6") warnings.Add($"{file}:{n}: cannot read '{line}'; skipped");
        }
        return Cidr.Collapse(blocks);
    }
}
