using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Numerics;

namespace Provisioner.Net;

/// <summary>
/// Reads RIR "delegated" statistics files (registry|cc|type|start|value|date|status) offline and
/// turns one country's IPv4/IPv6 delegations into a minimal CIDR list. For ipv4 the value is an
/// address count (not always a power of two); for ipv6 it is a prefix length.
/// </summary>
public static class RirStats
{
    public static IReadOnlyList<Cidr> Country(IEnumerable<string> lines, IReadOnlyCollection<string> countries, List<string> problems, string file = "")
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
                blocks.AddRange(Cidr.Cover(AddressFamily.InterNetwork, Cidr.ToNumber(v4), count));
            else if (f[2] == "ipv6" && IPAddress.TryParse(f[3], out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6
                && int.TryParse(f[4], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) && prefix is >= 0 and <= 128)
            {
                var start = Cidr.ToNumber(v6);
                var block = new Cidr(AddressFamily.InterNetworkV6, start, prefix);
                if ((start & (block.Size - 1)) != 0) problems.Add($"{file}:{n}: {f[3]}/{prefix} has host bits set; skipped");
                else blocks.Add(block);
            }
            else if (f[2] is "ipv4" or "ipv6") problems.Add($"{file}:{n}: cannot read '{line}'; skipped");
        }
        return Cidr.Collapse(blocks);
    }
}
