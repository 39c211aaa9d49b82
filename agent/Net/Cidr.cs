using System.Net;
using System.Net.Sockets;
using System.Numerics;

namespace Provisioner.Net;

/// <summary>An address block. Host bits are always zero (Postfix warns about anything else).</summary>
public sealed record Cidr(AddressFamily Family, BigInteger Start, int Prefix)
{
    public int Bits => Family == AddressFamily.InterNetwork ? 32 : 128;
    public BigInteger Size => BigInteger.One << (Bits - Prefix);
    public BigInteger End => Start + Size - 1;

    public override string ToString() => $"{ToAddress(Family, Start)}/{Prefix}";

    public static BigInteger ToNumber(IPAddress address) =>
        new(address.GetAddressBytes(), isUnsigned: true, isBigEndian: true);

    public static IPAddress ToAddress(AddressFamily family, BigInteger value)
    {
        var length = family == AddressFamily.InterNetwork ? 4 : 16;
        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        var full = new byte[length];
        bytes.CopyTo(full, length - bytes.Length);
        return new IPAddress(full);
    }

    /// <summary>The fewest aligned blocks that cover exactly [start, start + count).</summary>
    public static IEnumerable<Cidr> Cover(AddressFamily family, BigInteger start, BigInteger count)
    {
        var bits = family == AddressFamily.InterNetwork ? 32 : 128;
        while (count > 0)
        {
            // Largest block aligned at start (its lowest set bit) that still fits in what is left.
            var size = start.IsZero ? BigInteger.One << bits : start & -start;
            while (size > count) size >>= 1;
            var prefix = bits - (int)BigInteger.Log2(size);
            yield return new Cidr(family, start, prefix);
            start += size;
            count -= size;
        }
    }

    /// <summary>Sorts, drops blocks inside others and joins neighbours into their parent block.</summary>
    public static IReadOnlyList<Cidr> Collapse(IEnumerable<Cidr> blocks)
    {
        var result = new List<Cidr>();
        foreach (var family in new[] { AddressFamily.InterNetwork, AddressFamily.InterNetworkV6 })
        {
            var ranges = blocks.Where(b => b.Family == family).OrderBy(b => b.Start).ThenBy(b => b.Prefix).ToList();
            BigInteger? runStart = null, runEnd = null;
            foreach (var b in ranges)
            {
                if (runEnd is { } e && b.Start <= e + 1) { if (b.End > e) runEnd = b.End; continue; }
                if (runStart is { } s) result.AddRange(Cover(family, s, runEnd!.Value - s + 1));
                runStart = b.Start;
                runEnd = b.End;
            }
            if (runStart is { } last) result.AddRange(Cover(family, last, runEnd!.Value - last + 1));
        }
        return result;
    }
}
