using Provisioner.Yaml;

namespace Provisioner.Tests.YamlTests;

/// <summary>Aliases and nesting are bounded while the YAML is read, before a large or deep tree exists.</summary>
public sealed class YamlLimitsTests
{
    private static (Node? Root, IReadOnlyList<string> Errors) Load(string yaml)
    {
        var d = new Diagnostics();
        var root = YamlLoader.LoadText(yaml, "v.yml", d);
        return (root, d.Items.Select(i => i.ToString()).ToList());
    }

    /// <summary>Anchors that refer to anchors: <paramref name="levels"/> levels of ten aliases each.</summary>
    private static string Laughs(int levels)
    {
        var lines = new List<string> { "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]" };
        for (var i = 1; i <= levels; i++) lines.Add($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]");
        return string.Join("\n", lines) + "\n";
    }

    [Fact]
    public void Aliases_that_multiply_stop_at_the_alias_expansion_limit()
    {
        var (root, errors) = Load(Laughs(5));
        root.ShouldBeNull();
        errors.ShouldBe([$"v.yml:4:45: YAML aliases expand to more than {InputLimits.MaxAliasNodes} nodes (alias expansion limit) — use fewer aliases: an anchor that holds aliases multiplies them"]);
    }

    [Fact]
    public void A_few_aliases_are_read_as_copies_of_their_anchor()
    {
        var (root, errors) = Load(Laughs(2));
        errors.ShouldBeEmpty();
        var a2 = ((MapNode)root!).Get("a2").ShouldBeOfType<ListNode>();
        a2.Items.Count.ShouldBe(10);
        a2.Items[9].ShouldBeOfType<ListNode>().Items[0].ShouldBeOfType<ListNode>().Items[9].ShouldBeOfType<ScalarNode>().Value.ShouldBe("lol");
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_refused_where_it_crosses_it()
    {
        var depth = InputLimits.MaxYamlDepth + 1;
        var (root, errors) = Load("x: " + new string('[', depth) + new string(']', depth) + "\n");
        root.ShouldBeNull();
        errors.ShouldBe([$"v.yml:1:{3 + InputLimits.MaxYamlDepth}: YAML nested deeper than {InputLimits.MaxYamlDepth} levels (nesting depth limit) — flatten the structure"]);
    }

    [Fact]
    public void Nesting_up_to_the_limit_is_read()
    {
        var depth = InputLimits.MaxYamlDepth - 1; // the top-level mapping is the first level
        var (root, errors) = Load("x: " + new string('[', depth) + new string(']', depth) + "\n");
        errors.ShouldBeEmpty();
        root.ShouldBeOfType<MapNode>();
    }

    [Fact]
    public void An_alias_cannot_deepen_past_the_limit()
    {
        var half = InputLimits.MaxYamlDepth / 2 + 1;
        var (root, errors) = Load($"a: &deep {new string('[', half)}{new string(']', half)}\nb: {new string('[', half)}*deep{new string(']', half)}\n");
        root.ShouldBeNull();
        errors.Single().ShouldContain("(nesting depth limit)");
    }

    [Fact]
    public void An_alias_to_no_anchor_or_to_its_own_unfinished_anchor_is_an_error()
    {
        Load("a: *nowhere\n").Errors.ShouldBe(["v.yml:1:4: alias '*nowhere' refers to no anchor defined before it — define '&nowhere' earlier in the file"]);
        Load("a: &self [1, *self]\n").Errors.ShouldBe(["v.yml:1:14: alias '*self' refers to no anchor defined before it — define '&self' earlier in the file"]);
    }
}
