using Provisioner.Yaml;

namespace Provisioner.Tests.YamlTests;

public sealed class SuggestTests
{
    [Theory]
    [InlineData("pakage", "package")]
    [InlineData("tempalte", "template")]
    [InlineData("Servce", "service")]
    [InlineData("xyzzy", null)]
    public void Suggests_the_nearest_name_within_a_third_of_the_input(string input, string? expected) =>
        Suggest.DidYouMean(input, ["package", "template", "service", "copy"]).ShouldBe(expected);

    /// <summary>The bounded distance gives the full one's answer wherever that answer is within the bound.</summary>
    [Fact]
    public void The_banded_distance_agrees_with_the_full_one()
    {
        var random = new Random(24);
        for (var i = 0; i < 5_000; i++)
        {
            var a = new string([.. Enumerable.Range(0, random.Next(0, 12)).Select(_ => "abc"[random.Next(3)])]);
            var candidates = Enumerable.Range(0, 5).Select(_ => new string([.. Enumerable.Range(0, random.Next(0, 12)).Select(_ => "abc"[random.Next(3)])])).ToList();
            var limit = Math.Max(2, a.Length / 3);
            var full = candidates.Select(c => (c, d: Suggest.Distance(a, c))).Where(x => x.d <= limit).OrderBy(x => x.d).Select(x => x.c).FirstOrDefault();
            Suggest.DidYouMean(a, candidates).ShouldBe(full, $"'{a}' among {string.Join(",", candidates)}");
        }
    }

    [Fact]
    public void An_input_longer_than_any_name_gets_no_suggestion() =>
        Suggest.DidYouMean(new string('x', Suggest.MaxInputLength + 1), [new string('x', Suggest.MaxInputLength)]).ShouldBeNull();
}
