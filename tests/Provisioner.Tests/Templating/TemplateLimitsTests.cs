using System.Diagnostics;
using Provisioner.Templating;

namespace Provisioner.Tests.TemplatingTests;

/// <summary>
/// Hostile templates end fast with an error that names the limit: never a hang, a stack overflow,
/// gigabytes of memory or an exception out of the engine.
/// </summary>
public class TemplateLimitsTests
{
    private static Vars User(params (string Name, object? Value)[] values) =>
        Vars.Empty(new SecretSet()).Merge(values.Select(v => new KeyValuePair<string, object?>(v.Name, v.Value)));

    private static string Rep(string text, int times) => string.Concat(Enumerable.Repeat(text, times));

    private static string Failed(string text, Vars? vars = null)
    {
        var clock = Stopwatch.StartNew();
        var r = TemplateEngine.Render(text, vars ?? User(("x", 5L), ("a", new List<object?> { 0L })));
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20));
        r.Ok.ShouldBeFalse();
        return r.Error!;
    }

    [Fact]
    public void Thousands_of_nested_ifs_are_refused_before_the_parser_recurses()
    {
        var text = "top\n" + Rep("{% if true %}", 3000) + "x" + Rep("{% endif %}", 3000);
        var problem = TemplateEngine.Check(text)!;
        problem.Message.ShouldBe($"tags nest more than {TemplateLimits.MaxNesting} deep (limit) at (2:{13 * TemplateLimits.MaxNesting + 1})");
        (problem.Line, problem.Column).ShouldBe((2, 13 * TemplateLimits.MaxNesting + 1));
        Failed(text).ShouldBe(problem.Message);
    }

    [Fact]
    public void Deep_indexing_counts_as_nesting() =>
        TemplateEngine.Check("{{ " + Rep("a[", 3000) + "0" + Rep("]", 3000) + " }}")!.Message.ShouldStartWith($"tags nest more than {TemplateLimits.MaxNesting} deep (limit)");

    [Fact]
    public void Ten_thousand_chained_filters_are_refused_before_rendering_recurses()
    {
        var text = "{{ x" + Rep(" | plus: 1", 10000) + " }}";
        TemplateEngine.Check(text)!.Message.ShouldStartWith($"an expression chains more than {TemplateLimits.MaxExpression} filters and operators (limit) at (1:");
        Failed(text).ShouldStartWith("an expression chains more than");
        // A pipe inside a string is text, not a filter.
        TemplateEngine.Check("{{ '" + Rep("|", 500) + "' | size }}").ShouldBeNull();
    }

    [Fact]
    public void Nested_loops_of_a_hundred_thousand_each_stop_at_the_step_limit() =>
        Failed("{% for i in (1..100000) %}{% for j in (1..100000) %}x{% endfor %}{% endfor %}")
            .ShouldBe($"template rendering exceeds {TemplateLimits.MaxSteps} steps (limit)");

    [Fact]
    public void A_range_is_bounded_before_it_is_built()
    {
        Failed("{% assign r = (1..2000000) %}{{ r | size }}").ShouldBe($"a list exceeds {TemplateLimits.MaxItems} items (limit)");
        Failed("{% for i in (1..99999999999) %}{% endfor %}").ShouldBe($"a list exceeds {TemplateLimits.MaxItems} items (limit)");
        Failed("{% for i in (99999999999..99999999999) %}{% endfor %}").ShouldStartWith("number out of range");
    }

    [Fact]
    public void Output_is_bounded() =>
        Failed("{% assign s = '" + new string('x', 1024) + "' %}{% for i in (1..20000) %}{{ s }}{% endfor %}")
            .ShouldBe($"template output exceeds {TemplateLimits.MaxOutputMiB} MiB (limit)");

    [Fact]
    public void Text_built_without_output_is_bounded_too()
    {
        // Doubling a string: a few steps, 2^n characters.
        // Since issue 24 what append reads counts too, so the text limit comes first.
        Failed("{% assign s = 'xx' %}{% for i in (1..24) %}{% assign s = s | append: s %}{% endfor %}")
            .ShouldBe($"template rendering produces more than {TemplateLimits.MaxTextMiB} MiB of text (limit)");
        // Appending to a growing string: little output, quadratic work.
        Failed("{% assign s = '' %}{% for i in (1..5000) %}{% assign s = s | append: 'xxxxxxxxxxxxxxxxxxxx' %}{% endfor %}")
            .ShouldBe($"template rendering produces more than {TemplateLimits.MaxTextMiB} MiB of text (limit)");
        // Captured text never reaches the output.
        Failed("{% capture c %}{% for i in (1..350000) %}" + new string('y', 200) + "{% endfor %}{% endcapture %}")
            .ShouldBe($"a capture holds more than {TemplateLimits.MaxCaptureMiB} MiB of text (limit)");
    }

    /// <summary>Issue 24: a capture that doubles itself ran to the 64 MiB text limit (2.7 s, 690 MB) before it stopped.</summary>
    [Fact]
    public void A_capture_that_doubles_itself_stops_at_the_capture_limit() =>
        Failed("{% assign x = 'ab' %}{% for i in (1..60) %}{% capture x %}{{ x }}{{ x }}{% endcapture %}{% endfor %}")
            .ShouldBe($"a capture holds more than {TemplateLimits.MaxCaptureMiB} MiB of text (limit)");

    /// <summary>Issue 24: filters and operators were not charged by their work, so these ran for minutes within the step limit.</summary>
    [Theory]
    [InlineData("{% assign l = (1..100000) %}{% for i in (1..1000) %}{% assign s = l | sort %}{% endfor %}", "steps")]
    [InlineData("{% assign l = (1..100000) %}{% for i in (1..1000) %}{% assign s = l | uniq %}{% endfor %}", "steps")]
    [InlineData("{% assign l = (1..100000) %}{% for i in (1..1000) %}{% if l contains 0 %}{% endif %}{% endfor %}", "steps")]
    [InlineData("{% assign s = 'xxxxxxxxxx' %}{% for i in (1..17) %}{% assign s = s | append: s %}{% endfor %}{% for i in (1..1000) %}{% assign h = s | md5 %}{% endfor %}", "text")]
    [InlineData("{% assign s = 'xxxxxxxxxx' %}{% for i in (1..17) %}{% assign s = s | append: s %}{% endfor %}{% assign t = s | append: 'y' %}{% for i in (1..1000) %}{% if s == t %}{% endif %}{% endfor %}", "text")]
    public void Filters_and_operators_are_charged_by_what_they_read(string template, string limit) =>
        Failed(template).ShouldBe(limit == "steps"
            ? $"template rendering exceeds {TemplateLimits.MaxSteps} steps (limit)"
            : $"template rendering produces more than {TemplateLimits.MaxTextMiB} MiB of text (limit)");

    [Fact]
    public void What_filters_cost_little_to_read_still_renders() =>
        TemplateEngine.Render("{% assign l = (1..1000) %}{% for i in (1..100) %}{{ l | size }}{{ l | first }}{% endfor %}{{ l | sort | last }}", Vars.Empty(new SecretSet())).Ok.ShouldBeTrue();

    /// <summary>Issue 24: .NET's words reached the user ("Index and length must refer to a location within the string. (Parameter 'length')").</summary>
    [Theory]
    [InlineData("{{ 'abc' | slice: 1, 2147483647 }}", "slice")]
    [InlineData("{{ 1.5 | round: 99 }}", "round")]
    [InlineData("{{ 'abc' | truncate: -2147483648 }}", "truncate")]
    public void A_filter_that_refuses_its_arguments_is_named_in_a_message_of_our_own(string template, string filter) =>
        Failed(template).ShouldBe($"filter '{filter}' cannot take this input with these arguments: a number given to it is out of range (a length, a position, a count or a number of digits)");

    [Fact]
    public void Filters_that_multiply_text_are_checked_before_they_allocate()
    {
        static string Doubled(int times) => "{% assign s = 'xxxxxxxxxxxxxxxx' %}{% for i in (1.." + times + ") %}{% assign s = s | append: s %}{% endfor %}";
        Failed(Doubled(9) + "{{ s | replace: 'x', s }}").ShouldStartWith("filter 'replace' produces more than");
        Failed(Doubled(17) + "{% assign p = s | split: '' %}{{ p | size }}").ShouldBe($"a list exceeds {TemplateLimits.MaxItems} items (limit)");
        Failed(Doubled(9) + "{% assign l = s | split: '!' %}{% for i in (1..12) %}{% assign l = l | concat: l %}{% endfor %}{{ l | join: s }}")
            .ShouldStartWith("filter 'concat' produces more than");
    }

    [Fact]
    public void Arithmetic_errors_are_template_errors()
    {
        Failed("{{ 10 | divided_by: 0 }}").ShouldBe("division by zero (divided_by: 0 or modulo: 0)");
        Failed("{{ 10 | modulo: 0 }}").ShouldBe("division by zero (divided_by: 0 or modulo: 0)");
        Failed("{{ 79228162514264337593543950335 | plus: 1 }}").ShouldStartWith("number out of range");
    }

    [Fact]
    public void Include_and_render_are_refused_at_parse_time()
    {
        var problem = TemplateEngine.Check("a\n  {% include 'self' %}")!;
        problem.Message.ShouldBe("'include' is not supported: a template cannot read other files at (2:3)");
        TemplateEngine.Check("{% render 'x' %}")!.Message.ShouldStartWith("'render' is not supported");
        Failed("{% include 'self' %}").ShouldStartWith("'include' is not supported");
    }

    [Fact]
    public void Unknown_filters_are_reported_with_the_nearest_known_one()
    {
        var problem = TemplateEngine.Check("a {{ x | upcase }}\n{{ x | upcasee }}")!;
        problem.Message.ShouldBe("unknown filter 'upcasee' at (2:8)");
        problem.Fix.ShouldBe("did you mean 'upcase'?");
        TemplateEngine.Check("{% if x %}{{ x | nosuchthing: 1 }}{% endif %}")!.Message.ShouldStartWith("unknown filter 'nosuchthing'");
        Failed("{{ x | nosuchthing }}").ShouldStartWith("unknown filter 'nosuchthing'");
    }

    [Fact]
    public void A_variable_expansion_bomb_stops_at_the_output_limit_and_names_the_variables()
    {
        // v0 = v1 ten times, v1 = v2 ten times, …: 10^12 characters if nothing stopped it.
        var vars = User(Enumerable.Range(0, 13).Select(i => ($"v{i}", (object?)(i == 12 ? "xxxxxxxxxx" : Rep($"{{{{ v{i + 1} }}}}", 10)))).ToArray());
        var error = Failed("{{ v0 }}", vars);
        error.ShouldStartWith($"template output exceeds {TemplateLimits.MaxOutputMiB} MiB (limit) in variable v0 → v1");
    }

    [Fact]
    public void A_bomb_of_many_small_renders_stops_at_the_render_limit()
    {
        // Ten variables per level, each reading all ten of the next level: 10^4 renders, short output.
        var vars = User(Enumerable.Range(0, 6).SelectMany(level => Enumerable.Range(0, 10).Select(k => ($"g{level}_{k}",
            (object?)(level == 5 ? "x" : string.Concat(Enumerable.Range(0, 10).Select(m => $"{{{{ g{level + 1}_{m} | size }}}}")))))).ToArray());
        Failed("{{ g0_0 }}", vars).ShouldStartWith($"variables are rendered more than {TemplateLimits.MaxVariableRenders} times (limit)");
    }

    [Fact]
    public void A_long_chain_of_variables_is_refused()
    {
        var vars = User(Enumerable.Range(0, 60).Select(i => ($"c{i}", (object?)(i == 59 ? "end" : $"{{{{ c{i + 1} }}}}"))).ToArray());
        Failed("{{ c0 }}", vars).ShouldStartWith($"variables nest more than {TemplateLimits.MaxVariableDepth} deep (limit)");
    }

    /// <summary>Renders on a thread with a 1 MiB stack (thread-pool threads have 1.5 MiB, the main thread 8).</summary>
    private static RenderResult OnSmallStack(string text, Vars vars)
    {
        RenderResult? result = null;
        var thread = new Thread(() => result = TemplateEngine.Render(text, vars), 1024 * 1024);
        thread.Start();
        thread.Join();
        return result!;
    }

    private static string Deep(int ifs, int filters, string next) =>
        Rep("{% if true %}", ifs) + "{{ " + next + Rep(" | append: ''", filters) + " }}" + Rep("{% endif %}", ifs);

    [Fact]
    public void The_deepest_nesting_the_limits_allow_renders_on_a_small_stack()
    {
        // Fifteen variables two blocks deep, then one as deep as one template may be: just within the
        // total (the deepest shape measured; it needs about 300 KiB).
        var values = Enumerable.Range(0, 15).Select(i => ($"d{i}", (object?)Deep(2, 0, $"d{i + 1}")))
            .Append(("d15", Deep(TemplateLimits.MaxNesting - 1, TemplateLimits.MaxExpression - 1, "x"))).Append(("x", "end")).ToArray();
        (15 * 2 + TemplateLimits.MaxNesting - 1 + TemplateLimits.MaxExpression - 1).ShouldBeLessThanOrEqualTo(TemplateLimits.MaxTotalNesting);
        OnSmallStack("{{ d0 }}", User(values)).Text.ShouldBe("end");
    }

    [Fact]
    public void Deep_templates_inside_deep_variables_stop_at_the_total_nesting()
    {
        var vars = User(Enumerable.Range(0, TemplateLimits.MaxVariableDepth).Select(i => ($"d{i}",
            (object?)Deep(TemplateLimits.MaxNesting - 1, TemplateLimits.MaxExpression - 1, $"d{i + 1}"))).Append(("d16", "end")).ToArray());
        OnSmallStack("{{ d0 }}", vars).Error.ShouldNotBeNull().ShouldStartWith($"nesting through variables exceeds {TemplateLimits.MaxTotalNesting} levels (limit)");
    }
}
