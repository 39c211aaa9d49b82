using Provisioner.Inventories;

namespace Provisioner.Tests.Inventories;

/// <summary>Issue 24: a range's size is counted without wrapping and capped before a name is made.</summary>
public sealed class HostRangeLimitTests
{
    [Theory]
    [InlineData("h[a:z:65536]", "ha")] // a char counter stepped by 65536 wrapped to the same letter, forever
    [InlineData("h[9223372036854775800:9223372036854775807:5]", "h9223372036854775800 h9223372036854775805")] // a long counter wrapped to negative
    [InlineData("h[0:6000000000:2000000000]", "h0 h2000000000 h4000000000 h6000000000")]
    public void Ranges_near_a_counters_limit_end(string name, string expected)
    {
        var (names, problem) = HostRange.Expand(name);
        problem.ShouldBeNull();
        names.ShouldBe(expected.Split(' '));
    }

    [Theory]
    [InlineData("h[0:9223372036854775807]")]
    [InlineData("h[0:9999][0:9999][0:9999]")]
    [InlineData("h[0:2][0:9999]")]
    public void More_than_the_cap_is_refused_before_any_name_is_made(string name)
    {
        var (names, problem) = HostRange.Expand(name);
        names.ShouldBeEmpty();
        problem.ShouldBe($"the range makes more than {HostRange.MaxHosts} hosts");
    }
}
