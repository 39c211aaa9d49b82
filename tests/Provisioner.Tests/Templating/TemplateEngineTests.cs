using Provisioner.Templating;
using Provisioner.Yaml;

namespace Provisioner.Tests.TemplatingTests;

public class TemplateEngineTests
{
    private static Vars User(params (string Name, object? Value)[] values) =>
        Vars.Empty(new SecretSet()).Merge(values.Select(v => new KeyValuePair<string, object?>(v.Name, v.Value)));

    [Fact]
    public void A_variable_whose_value_is_a_template_resolves_through_a_chain()
    {
        var vars = User(("base", "example.test"), ("domain", "{{ base }}"), ("mail_fqdn", "mail.{{ domain }}"));
        TemplateEngine.Render("myhostname = {{ mail_fqdn }}", vars).Text.ShouldBe("myhostname = mail.example.test");
        TemplateEngine.Render("{{ mail_fqdn | upcase }}", vars).Text.ShouldBe("MAIL.EXAMPLE.TEST");
        TemplateEngine.Condition("mail_fqdn == \"mail.example.test\"", vars).Value.ShouldBeTrue();
    }

    /// <summary>
    /// Variables become template values only when a template reads them (one render no longer makes
    /// every variable first); a name the template assigned is still the template's, even when what it
    /// assigned is nothing, and a name nobody defined is still reported.
    /// </summary>
    [Fact]
    public void A_name_the_template_assigned_is_its_own_even_when_nil_and_an_unknown_name_is_reported()
    {
        var vars = User(("gone", null), ("domain", "example.test"), ("users", new List<object?> { "a", "b" }), ("fqdn", "mail.{{ domain }}"));

        var r = TemplateEngine.Render("{% assign domain = gone %}[{{ domain }}]{% assign first = nothing_here %}[{{ first }}]", vars);
        r.Text.ShouldBe("[][]");
        r.Undefined.ShouldBe(["nothing_here"]);

        // read first, then assigned nil: the template's own value from then on
        TemplateEngine.Render("{{ domain }}{% assign domain = gone %}[{{ domain }}]{% for fqdn in users %}{% endfor %}", vars).Text.ShouldBe("example.test[]");
        TemplateEngine.Render("{{ fqdn }}|{% for fqdn in nulls %}[{{ fqdn }}]{% endfor %}", vars.With("nulls", new List<object?> { null })).Text.ShouldBe("mail.example.test|[]");

        r = TemplateEngine.Render("{% for u in users %}{{ u }}@{{ domain }} {% endfor %}{{ users[1] }} {{ users.size }} {{ fqdn | upcase }} {{ missing.deeper }}", vars);
        r.Text.ShouldBe("a@example.test b@example.test b 2 MAIL.EXAMPLE.TEST ");
        r.Undefined.ShouldBe(["missing"]);
    }

    [Fact]
    public void Data_the_run_produced_is_text_even_when_it_looks_like_a_template()
    {
        // A command printed "{{ secret }}": rendering it again would read a variable it never named.
        var vars = User(("secret", "s3cret")).With("result", new Dictionary<string, object?> { ["stdout"] = "{{ secret }} {% if x %}" });
        var r = TemplateEngine.Render("got: {{ result.stdout }}", vars);
        r.Ok.ShouldBeTrue(r.Problem);
        r.Text.ShouldBe("got: {{ secret }} {% if x %}");
        TemplateEngine.TryWholeValue("{{ result.stdout }}", vars, out var whole).ShouldBeTrue();
        whole.ShouldBe("{{ secret }} {% if x %}");
    }

    [Fact]
    public void What_a_template_prints_is_not_rendered_again()
    {
        var vars = User(("user", "owner"));
        TemplateEngine.Render("{% raw %}{{ user }}{% endraw %} is {{ user }}", vars).Text.ShouldBe("{{ user }} is owner");
    }

    [Fact]
    public void Templates_inside_lists_and_mappings_resolve_for_loops_and_whole_values()
    {
        var vars = User(("blocked", "198.51.100.0/24"), ("cidrs", new List<object?> { "{{ blocked }}", "203.0.113.0/24" }),
            ("site", new Dictionary<string, object?> { ["fqdn"] = "mail.{{ blocked }}" }), ("alias", "{{ cidrs }}"));
        TemplateEngine.Render("{% for c in cidrs %}[{{ c }}]{% endfor %} {{ site.fqdn }}", vars).Text
            .ShouldBe("[198.51.100.0/24][203.0.113.0/24] mail.198.51.100.0/24");
        TemplateEngine.TryWholeValue("{{ cidrs }}", vars, out var list).ShouldBeTrue();
        list.ShouldBe(new List<object?> { "198.51.100.0/24", "203.0.113.0/24" });
        // A variable that is a whole reference to a list is that list, not its text.
        TemplateEngine.TryWholeValue("{{ alias }}", vars, out var alias).ShouldBeTrue();
        alias.ShouldBe(list);
        TemplateEngine.Render("{{ alias | size }}", vars).Text.ShouldBe("2");
    }

    [Fact]
    public void An_unused_variable_cannot_fail_a_render_and_a_used_one_names_what_it_lacks()
    {
        var vars = User(("ok", "fine"), ("broken", "{{ nowhere }}"), ("outer", "x{{ broken }}"));
        TemplateEngine.Render("{{ ok }}", vars).Text.ShouldBe("fine");
        var r = TemplateEngine.Render("{{ outer }}", vars);
        r.Ok.ShouldBeFalse();
        r.Undefined.ShouldBe(["nowhere"]);
        // A whole value with an undefined name inside is not passed through half-empty.
        var list = User(("items", new List<object?> { "{{ nowhere }}" }));
        TemplateEngine.TryWholeValue("{{ items }}", list, out _).ShouldBeFalse();
        var d = new Diagnostics();
        NodeRenderer.Render(new ScalarNode("{{ items }}", SourceSpan.None), list, d);
        d.Items.Single().ToString().ShouldContain("undefined variable 'nowhere'");
    }

    [Fact]
    public void A_variable_that_refers_to_itself_is_an_error_that_shows_the_cycle()
    {
        var vars = User(("a", "{{ b }}"), ("b", "x{{ a }}"));
        var r = TemplateEngine.Render("{{ a }}", vars);
        r.Ok.ShouldBeFalse();
        r.Problem.ShouldContain("variable 'a' refers to itself (a → b → a)");
        TemplateEngine.TryWholeValue("{{ a }}", vars, out _).ShouldBeFalse();
    }
}
