using Provisioner.Execution;
using Provisioner.Modules;
using Provisioner.Probes;
using Provisioner.Templating;

namespace Provisioner.Tests.Playbooks;

/// <summary>
/// Hostile templates and variables through the path <c>provision validate</c> and <c>apply</c> take
/// before any connection: each ends as invalid input (exit 4) with a message located in the user's file.
/// </summary>
public sealed class HostileTemplateTests : IDisposable
{
    private readonly TempDir _dir = new();
    public void Dispose() => _dir.Dispose();

    private static string Rep(string text, int times) => string.Concat(Enumerable.Repeat(text, times));

    /// <summary>One play with one template task and one copy task whose content is <paramref name="content"/>.</summary>
    private IReadOnlyList<string> Prepare(string template, string content = "plain", string vars = "domain: example.test\n")
    {
        _dir.Write("templates/app.conf.liquid", template);
        _dir.Write("vars/app.yml", vars);
        _dir.Write("hosts.yml", "all:\n  hosts:\n    web1: { address: 192.0.2.1 }\n");
        var site = _dir.Write("site.yml", $$"""
            - name: app
              hosts: all
              vars_files: [vars/app.yml]
              stages:
                - name: config
                  tasks:
                    - name: app.conf
                      template: { src: app.conf.liquid, dest: /etc/app.conf }
                    - name: motd
                      copy: { dest: /etc/motd, content: "{{content.Replace("\"", "\\\"")}}" }
            """);
        var request = new RunRequest(site, [Path.Combine(_dir.Path, "hosts.yml")], [], [], new RunOptions());
        var prepared = RunPreparation.Prepare(request, ModuleRegistry.Default, ProbeRegistry.Default, new SecretSet());
        prepared.Valid.ShouldBeFalse();
        return prepared.Diagnostics.Select(d => d.ToString()).ToList();
    }

    private string Template => Path.Combine(_dir.Path, "templates", "app.conf.liquid");
    private string Site => Path.Combine(_dir.Path, "site.yml");

    [Fact]
    public void Deeply_nested_ifs_in_a_template_file_are_located_in_it() =>
        Prepare("head\n" + Rep("{% if true %}", 3000) + "x" + Rep("{% endif %}", 3000)).ShouldHaveSingleItem()
            .ShouldStartWith($"{Template}:2:{13 * TemplateLimits.MaxNesting + 1}: tags nest more than {TemplateLimits.MaxNesting} deep (limit)");

    [Fact]
    public void Chained_filters_in_a_task_argument_are_located_at_the_argument() =>
        Prepare("ok", content: "{{ domain" + Rep(" | upcase", 10000) + " }}").ShouldHaveSingleItem()
            .ShouldStartWith($"{Site}:10:45: an expression chains more than {TemplateLimits.MaxExpression} filters and operators (limit)");

    [Fact]
    public void Nested_loops_in_a_template_file_stop_at_the_step_limit() =>
        Prepare("{% for i in (1..100000) %}{% for j in (1..100000) %}x{% endfor %}{% endfor %}").ShouldHaveSingleItem()
            .ShouldStartWith($"{Template}:1:1: template error: template rendering exceeds {TemplateLimits.MaxSteps} steps (limit)");

    [Fact]
    public void A_variable_expansion_bomb_is_located_where_it_is_used_and_names_the_variables()
    {
        var vars = string.Concat(Enumerable.Range(0, 13).Select(i => $"v{i}: \"{(i == 12 ? "xxxxxxxxxx" : Rep($"{{{{ v{i + 1} }}}}", 10))}\"\n"));
        Prepare("ok", content: "{{ v0 }}", vars: vars).ShouldHaveSingleItem()
            .ShouldStartWith($"{Site}:10:45: template output exceeds {TemplateLimits.MaxOutputMiB} MiB (limit) in variable v0 → v1 → v2");
    }

    [Fact]
    public void Division_by_zero_is_located_at_the_filter() =>
        Prepare("a\nb = {{ 10 | divided_by: 0 }}\n").ShouldHaveSingleItem()
            .ShouldStartWith($"{Template}:2:13: template error: division by zero (divided_by: 0 or modulo: 0)");

    [Fact]
    public void Modulo_zero_in_an_argument_is_invalid_input() =>
        Prepare("ok", content: "{{ 7 | modulo: 0 }}").ShouldHaveSingleItem()
            .ShouldStartWith($"{Site}:10:45: division by zero");

    [Fact]
    public void A_template_that_includes_itself_is_refused_where_it_does() =>
        Prepare("line\n{% include 'app.conf.liquid' %}\n").ShouldHaveSingleItem()
            .ShouldStartWith($"{Template}:2:1: 'include' is not supported: a template cannot read other files");

    [Fact]
    public void An_unknown_filter_in_a_template_file_is_reported_with_a_suggestion() =>
        Prepare("x = {{ domain | downcse }}\n").ShouldHaveSingleItem()
            .ShouldBe($"{Template}:1:17: unknown filter 'downcse' at (1:17) (used by task 'app.conf' at {Site}:7:11) — did you mean 'downcase'?");

    [Fact]
    public void An_unknown_filter_in_an_argument_is_reported_with_a_suggestion() =>
        Prepare("ok", content: "{{ domain | upcaes }}").ShouldHaveSingleItem()
            .ShouldBe($"{Site}:10:45: unknown filter 'upcaes' at (1:13) — did you mean 'upcase'?");
}
