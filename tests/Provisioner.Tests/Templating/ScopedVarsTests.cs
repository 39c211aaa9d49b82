using Provisioner.Inventories;
using Provisioner.Templating;
using Provisioner.Variables;
using Provisioner.Yaml;

namespace Provisioner.Tests.TemplatingTests;

/// <summary>
/// Issue 26 item 12: a stage's and a task's vars (written on them, or on the import that brought them)
/// replace the play's and the inventory's values for that stage or task only, as Ansible's block and
/// task vars do — never what -e set, nor what the run produced.
/// </summary>
public sealed class ScopedVarsTests
{
    private readonly SecretSet _secrets = new();

    private static MapNode Map(string yaml) => (MapNode)YamlLoader.LoadText(yaml, "site.yml", new Diagnostics())!;

    private Vars Host(string inventoryVars, params string[] extra)
    {
        var d = new Diagnostics();
        var inventory = Inventory.Implicit();
        var layers = ExtraVars.Layers([], extra, d);
        var vars = new HostVarsBuilder(inventory, layers, _secrets).Build(inventory.Hosts[0], [Map(inventoryVars)], d);
        d.Items.ShouldBeEmpty();
        return vars;
    }

    private static string Render(Vars vars, string template) => TemplateEngine.Render(template, vars).Text!;

    [Fact]
    public void Later_layers_beat_earlier_ones_and_the_play()
    {
        var vars = ScopedVars.Apply(Host("{ a: play, b: play, c: play }"), [Map("{ a: stage, b: stage }"), Map("{ a: task }")]);

        Render(vars, "{{ a }} {{ b }} {{ c }}").ShouldBe("task stage play");
    }

    [Fact]
    public void A_scoped_value_is_a_template_that_sees_every_other_value()
    {
        var vars = ScopedVars.Apply(Host("{ domain: example.jp }"), [Map("{ fqdn: \"mail.{{ domain }}\" }")]);

        Render(vars, "{{ fqdn }}").ShouldBe("mail.example.jp");
    }

    [Fact]
    public void What_extra_vars_set_stays()
    {
        var vars = ScopedVars.Apply(Host("{ a: play }", "a=cli"), [Map("{ a: stage }")]);

        Render(vars, "{{ a }}").ShouldBe("cli");
    }

    [Fact]
    public void What_the_run_produced_stays()
    {
        var registered = Host("{}").With("result", "registered").With("facts", new Dictionary<string, object?> { ["os"] = "debian" });

        var vars = ScopedVars.Apply(registered, [Map("{ result: stage, facts: { os: nope } }")]);

        Render(vars, "{{ result }} {{ facts.os }}").ShouldBe("registered debian");
    }

    [Fact]
    public void No_layers_leave_the_variables_as_they_are()
    {
        var host = Host("{ a: play }");

        ScopedVars.Apply(host, []).ShouldBeSameAs(host);
    }

    [Fact]
    public void A_name_that_held_a_secret_keeps_its_new_value_secret()
    {
        var host = Host("{ db_password: !secret play-secret-pw }");

        var vars = ScopedVars.Apply(host, [Map("{ db_password: stage-plain-pw, other: !secret stage-secret }")]);

        Render(vars, "{{ db_password }}").ShouldBe("stage-plain-pw");
        _secrets.Mask("stage-plain-pw stage-secret").ShouldBe($"{SecretSet.Placeholder} {SecretSet.Placeholder}");
    }
}
