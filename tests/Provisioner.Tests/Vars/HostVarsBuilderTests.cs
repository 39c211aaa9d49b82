using Provisioner.Inventories;
using Provisioner.Templating;
using Provisioner.Tests.Playbooks;
using Provisioner.Variables;
using Provisioner.Yaml;

namespace Provisioner.Tests.Variables;

public sealed class HostVarsBuilderTests
{
    private static (Templating.Vars Vars, SecretSet Secrets) For(string host, params string[] extra)
    {
        var d = new Diagnostics();
        var inv = InventoryLoader.Load(Fixture.Path("inventory/hosts.yml"), d)!;
        var secrets = new SecretSet();
        var vars = new HostVarsBuilder(inv, ExtraVars.Layers([], extra, d), secrets).Build(inv.FindHost(host)!, [], d);
        d.Items.ShouldBeEmpty();
        return (vars, secrets);
    }

    private static string Render(Templating.Vars vars, string template)
    {
        var r = TemplateEngine.Render(template, vars);
        r.Ok.ShouldBeTrue(r.Problem);
        return r.Text!;
    }

    [Fact]
    public void Host_groups_and_inventory_hostname_are_exposed()
    {
        var (vars, _) = For("mx2");
        Render(vars, "{{ inventory_hostname }} {{ host.name }} {{ host.address }}:{{ host.port }} as {{ host.user }} lan {{ host.lan_address }}")
            .ShouldBe("mx2 mx2 192.0.2.11:22 as deploy lan 10.0.0.11");
        Render(vars, "{{ group_names | join: ',' }} / {{ groups.mail | join: ',' }} / {{ groups.lab | size }}").ShouldBe("lab,mail / mx1,mx2 / 1");
        Render(vars, "{{ host.level }} {{ level }} {{ ntp_server }}").ShouldBe("mx2-file mx2-file pool.ntp.org");
    }

    [Fact]
    public void Connection_settings_in_host_follow_ansible_spellings()
    {
        var (vars, _) = For("mx1");
        Render(vars, "{{ host.address }}:{{ host.port }}").ShouldBe("192.0.2.10:2222");
        Render(vars, "{{ level }}").ShouldBe("mail-file");
    }

    [Fact]
    public void Extra_vars_win_and_feed_the_connection_settings()
    {
        var (vars, _) = For("mx1", "level=cli ansible_user=ops");
        Render(vars, "{{ level }} {{ host.user }}").ShouldBe("cli ops");
    }

    [Fact]
    public void Secret_values_from_tags_and_secret_files_are_registered_and_masked()
    {
        var (vars, secrets) = For("mx1");
        Render(vars, "{{ ansible_become_pass }}").ShouldBe("s3cret-sudo");
        secrets.Mask("sudo -S <<< s3cret-sudo; dovecot from-group-secret-file").ShouldBe("sudo -S <<< ********; dovecot ********");
        secrets.Mask("postmaster root@example.jp").ShouldBe("postmaster root@example.jp");
    }

    /// <summary>
    /// As `ansible pg1 -i Fixtures/ansible/ungrouped-yaml/hosts.yml -m debug -a var=groups` (and
    /// var=group_names) printed with ansible-core 2.14: every group with its hosts, children's too.
    /// </summary>
    [Fact]
    public void Groups_maps_every_group_to_its_hosts_and_group_names_is_sorted_as_in_ansible()
    {
        var d = new Diagnostics();
        var inv = InventoryLoader.Load(Fixture.Path("ansible/ungrouped-yaml/hosts.yml"), d)!;
        var vars = new HostVarsBuilder(inv, [], new SecretSet()).Build(inv.FindHost("pg1")!, [], d);
        d.Items.ShouldBeEmpty();
        var groups = (IReadOnlyDictionary<string, object?>)vars.Values["groups"]!;
        groups.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}: {string.Join(" ", (IEnumerable<object?>)g.Value!)}").ShouldBe([
            "all: lonely.example.com web1.example.com web2.example.com pg1",
            "db: pg1",
            "monitoring: pg1",
            "pg: pg1",
            "ungrouped: lonely.example.com",
            "web: web1.example.com web2.example.com",
        ]);
        vars.Values["group_names"].ShouldBe(new List<object?> { "db", "monitoring", "pg" });
    }

    [Fact]
    public void Layers_name_their_level_in_precedence_order()
    {
        var d = new Diagnostics();
        var inv = InventoryLoader.Load(Fixture.Path("inventory/hosts.yml"), d)!;
        var builder = new HostVarsBuilder(inv, [MapNode.Empty(SourceSpan.None)], new SecretSet());
        builder.Layers(inv.FindHost("mx1")!, [MapNode.Empty(SourceSpan.None)], [MapNode.Empty(SourceSpan.None)]).Select(l => l.Level).ShouldBe([
            "play defaults", "group all", "group mail", "group prod", "group_vars all", "group_vars mail", "group_vars mail", "host mx1", "play", "command line",
        ]);
    }
}

public sealed class PlayVarsSecretTests
{
    [Fact]
    public void A_play_vars_file_named_secret_has_every_value_masked()
    {
        var d = new Diagnostics();
        var playbook = Provisioner.Playbooks.PlaybookParser.Parse(Fixture.Path("site.yml"), Tests.Playbooks.Fakes.Modules(), Tests.Playbooks.Fakes.Probes(), d)!;
        var layers = PlayLayers.Load(playbook.Plays[0], playbook.BaseDirectory, d);
        d.Items.ShouldBeEmpty();
        layers.Count.ShouldBe(3);
        // vars first, then the vars_files: a vars file beats the play's vars, as in Ansible.
        layers[2].Get("relay_password")!.ContainsSecret.ShouldBeTrue();
        layers[1].ContainsSecret.ShouldBeFalse();

        var secrets = new SecretSet();
        var inv = Inventory.Implicit();
        var vars = new HostVarsBuilder(inv, [], secrets).Build(inv.Hosts[0], layers, d);
        vars.Values["relay_password"].ShouldBe("hunter2-relay");
        secrets.Mask("relay hunter2-relay").ShouldBe("relay ********");
    }
}

/// <summary>YAML scalars typed as PyYAML (so Ansible) types them, where provision follows it (issue 26, item 4).</summary>
public sealed class ScalarTypingTests
{
    private static object? Typed(string yaml) =>
        Templating.Vars.FromNode(((MapNode)YamlLoader.LoadText($"x: {yaml}", "t.yml", new Diagnostics())!).Get("x")!, new SecretSet());

    [Theory]
    [InlineData("1.5", "1.5")]
    [InlineData(".5", "0.5")]
    [InlineData("8.0", "8.0")]
    [InlineData("-2.25", "-2.25")]
    [InlineData("6.02e+23", "602000000000000000000000")]
    public void Floats_are_numbers_that_print_as_written(string yaml, string printed)
    {
        var value = Typed(yaml).ShouldBeOfType<decimal>();
        TemplateEngine.Render("{{ x }}", Templating.Vars.Empty(new SecretSet()).With("x", value)).Text.ShouldBe(printed);
    }

    [Theory]
    [InlineData("1e3")]
    [InlineData("10.0.0.1")]
    [InlineData("0644")]
    [InlineData("'1.5'")]
    public void What_yaml_1_1_reads_as_text_stays_text(string yaml) => Typed(yaml).ShouldBeOfType<string>();

    [Fact]
    public void Zero_is_a_number() => Typed("0").ShouldBe(0L);
}
