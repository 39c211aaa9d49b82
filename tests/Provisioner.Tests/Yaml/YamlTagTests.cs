using Provisioner.Templating;
using Provisioner.Yaml;

namespace Provisioner.Tests.YamlTests;

/// <summary>Issue 24: a tag provision does not know was ignored, so a misspelt !secret made a secret plain text.</summary>
public sealed class YamlTagTests
{
    private static Diagnostics Load(string yaml, out Node? root)
    {
        var d = new Diagnostics();
        root = YamlLoader.LoadText(yaml, "vars.yml", d);
        return d;
    }

    [Theory]
    [InlineData("pw: !secert hunter2", "!secert")]
    [InlineData("pw: !Secret hunter2", "!Secret")]
    [InlineData("pw: !!secret hunter2", "!!secret")]
    [InlineData("pw: !unsafe '{{ x }}'", "!unsafe")]
    [InlineData("pw: !secert [a, b]", "!secert")]
    public void An_unknown_tag_is_an_error_that_names_it_and_the_tags_that_exist(string yaml, string tag) =>
        Load(yaml, out _).Single().ToString().ShouldStartWith($"vars.yml:1:5: unknown YAML tag '{tag}' (the tags are {YamlTags.Listing})");

    [Theory]
    [InlineData("pw: !secret { a: hunter2 }", "mapping")]
    [InlineData("pw: !secret [hunter2]", "list")]
    public void A_secret_tag_on_a_container_is_refused_and_what_is_inside_stays_secret(string yaml, string what)
    {
        var d = Load(yaml, out var root);
        d.Single().ToString().ShouldBe($"vars.yml:1:5: '!secret' marks one text value, not a {what} — put !secret on each value inside the {what}, or move them to a file named *.secret.yml");
        root.ShouldNotBeNull().ContainsSecret.ShouldBeTrue();
    }

    [Fact]
    public void Yamls_own_tags_are_known_and_str_keeps_text_as_text()
    {
        var d = Load("a: !!str null\nb: !!int 5\nc: !!bool true\nd: !!seq [x]\ne: !!map { k: v }", out var root);
        d.ShouldBeEmpty();
        ((ScalarNode)((MapNode)root!).Get("a")!).IsNull.ShouldBeFalse();
    }

    /// <summary>A secret whose template is broken on its second line: Fluid quotes only that line, which masking the whole value would miss.</summary>
    [Fact]
    public void A_broken_template_in_a_secret_is_reported_without_its_text()
    {
        var secrets = new SecretSet();
        secrets.Add("line one of the secret\nhunter2 {% if %}");
        var vars = Vars.Empty(secrets);
        var r = TemplateEngine.Render("line one of the secret\nhunter2 {% if %}", vars);
        r.Error.ShouldBe("this secret value is not a valid template (at 2:14 inside it; the value is not shown)");
    }
}
