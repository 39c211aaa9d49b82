using System.Net;
using System.Net.Sockets;
using CsCheck;
using Provisioner.Net;

namespace Provisioner.Tests.NetTests;

public class RirStatsTests
{
    private const string Sample = """
        2|apnic|20261127|5|19830613|20261126|+1000
        apnic|*|ipv4|*|3|summary
        apnic|JP|ipv4|1.0.16.0|4096|20110412|allocated
        apnic|JP|ipv4|1.0.32.0|768|20110412|allocated
        apnic|CN|ipv4|1.0.1.0|256|20110414|allocated
        apnic|JP|ipv4|1.0.20.0|1024|20110412|assigned
        apnic|JP|ipv4|1.0.64.0|256|20110412|reserved
        apnic|JP|ipv6|2001:200::|32|19990813|allocated
        apnic|JP|asn|173|1|20020801|allocated
        """;

    [Fact]
    public void One_country_becomes_a_minimal_sorted_cidr_list()
    {
        var problems = new Provisioner.Yaml.Diagnostics();
        var blocks = RirStats.Country(Sample.Split('\n'), new HashSet<string> { "JP" }, problems);
        // 1.0.16.0 + 4096 = /20 (1.0.16.0–1.0.31.255, containing the 1.0.20.0/22 assignment);
        // 768 addresses at 1.0.32.0 = /23 + /24 and the /20 and /23 are not siblings.
        blocks.Select(b => b.ToString()).ShouldBe(["1.0.16.0/20", "1.0.32.0/23", "1.0.34.0/24", "2001:200::/32"]);
        problems.ShouldBeEmpty();
    }

    [Fact]
    public void Neighbouring_blocks_merge_into_their_parent()
    {
        var blocks = Cidr.Collapse([Parse("10.0.0.0/25"), Parse("10.0.0.128/25"), Parse("10.0.1.0/24")]);
        blocks.Select(b => b.ToString()).ShouldBe(["10.0.0.0/23"]);
    }

    [Fact]
    public void Cover_is_exact_for_any_range()
    {
        Gen.Select(Gen.UInt[0, uint.MaxValue - 70000], Gen.UInt[1, 70000]).Sample((start, count) =>
        {
            var blocks = Cidr.Cover(AddressFamily.InterNetwork, start, count).ToList();
            var covered = blocks.Aggregate(System.Numerics.BigInteger.Zero, (sum, b) => sum + b.Size);
            covered.ShouldBe(count);
            blocks[0].Start.ShouldBe(start);
            for (var i = 1; i < blocks.Count; i++) blocks[i].Start.ShouldBe(blocks[i - 1].End + 1);
            blocks.ShouldAllBe(b => (b.Start & (b.Size - 1)) == 0);
        }, iter: 300);
    }

    private static Cidr Parse(string text)
    {
        var parts = text.Split('/');
        var ip = IPAddress.Parse(parts[0]);
        return new Cidr(ip.AddressFamily, Cidr.ToNumber(ip), int.Parse(parts[1]));
    }
}
