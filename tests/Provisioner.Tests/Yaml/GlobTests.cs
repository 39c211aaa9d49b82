using System.Text.RegularExpressions;
using Provisioner.Yaml;

namespace Provisioner.Tests.YamlTests;

/// <summary>The glob matcher of host patterns and known_hosts; host patterns were compiled to backtracking regular expressions before issue 24.</summary>
public sealed class GlobTests
{
    [Theory]
    [InlineData("web*", "web1", true)]
    [InlineData("web*", "db1", false)]
    [InlineData("*.example.com", "mx1.example.com", true)]
    [InlineData("mx?", "mx1", true)]
    [InlineData("mx?", "mx12", false)]
    [InlineData("*a*b", "aaab", true)]
    [InlineData("*a*b", "aaaa", false)]
    [InlineData("**", "", true)]
    [InlineData("?", "", false)]
    public void Matches_as_a_glob(string pattern, string name, bool expected) => Glob.Matches(pattern, name).ShouldBe(expected);

    /// <summary>Every short pattern over a small alphabet against every short name: the same answers as the regular expression it replaced.</summary>
    [Fact]
    public void Agrees_with_the_regular_expression_it_replaced()
    {
        var random = new Random(24);
        for (var i = 0; i < 20_000; i++)
        {
            var pattern = new string([.. Enumerable.Range(0, random.Next(0, 7)).Select(_ => "ab*?"[random.Next(4)])]);
            var name = new string([.. Enumerable.Range(0, random.Next(0, 8)).Select(_ => "ab"[random.Next(2)])]);
            var regex = "^" + Regex.Escape(pattern).Replace(@"\*", ".*").Replace(@"\?", ".") + "$";
            Glob.Matches(pattern, name).ShouldBe(Regex.IsMatch(name, regex), $"pattern '{pattern}', name '{name}'");
        }
    }
}
