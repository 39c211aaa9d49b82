using Provisioner.Execution;
using Provisioner.Tests.Playbooks;
using Provisioner.Yaml;

namespace Provisioner.Tests.ExecutionTests;

public sealed class PlaybookValidatorTests : IDisposable
{
    private readonly TempDir _dir = new();
    public void Dispose() => _dir.Dispose();

    private const string Inventory = """
        all:
          children:
            mail:
              vars: { domain: example.jp }
              hosts:
                mx1: { lan_address: 10.0.0.1, relay: a.example }
                mx2: { lan_address: 10.0.0.2 }
        """;

    private IReadOnlyList<string> Validate(string playbook, IReadOnlyList<MapNode>? extra = null, string inventory = Inventory)
    {
        var site = _dir.Write("site.yml", playbook);
        var inv = _dir.Write("hosts.yml", inventory);
        var (pb, _, diagnostics) = PlaybookValidator.Validate(site, [inv], extra ?? [], Fakes.Modules(), Fakes.Probes());
        pb.ShouldNotBeNull();
        return diagnostics.Select(d => d.ToString()).ToList();
    }

    private string Site => Path.Combine(_dir.Path, "site.yml");

    [Fact]
    public void The_full_fixture_validates_against_the_lab_inventory()
    {
        var (playbook, inventory, diagnostics) = PlaybookValidator.Validate(
            Fixture.Path("site.yml"), [Fixture.Path("inventory/hosts.yml")], [], Fakes.Modules(), Fakes.Probes());
        (playbook, inventory).ShouldSatisfyAllConditions(() => playbook.ShouldNotBeNull(), () => inventory.ShouldNotBeNull());
        // web2's port is deliberately wrong in the fixture inventory; only the second play reaches it.
        diagnostics.Select(d => d.ToString()).ShouldBe([
            $"{Fixture.Path("inventory/hosts.yml")}:34:17: the SSH port of host 'web2' must be a whole number from 1 to 65535, not 'abc' (for host web2) — write port: 22",
        ]);
    }

    [Fact]
    public void Undefined_variables_are_reported_at_the_scalar_and_name_the_hosts_that_lack_them() =>
        Validate("""
            - hosts: mail
              tasks:
                - copy: { dest: /etc/relay, content: "{{ relay }} {{ domain }} {{ host.lan_address }}" }
                - copy: { dest: /etc/x, content: "{{ nowhere }}" }
            """).ShouldBe([
            $"{Site}:3:42: undefined variable 'relay' (for host mx2) — define it in vars, vars_files, the inventory or with -e",
            $"{Site}:4:38: undefined variable 'nowhere' — define it in vars, vars_files, the inventory or with -e",
        ]);

    [Fact]
    public void Facts_are_assumed_defined_and_extra_vars_count() =>
        Validate("""
            - hosts: mail
              tasks:
                - package: { name: "{{ pkg }}" }
                  when: facts.os_family == "redhat" and facts.selinux_mode != "disabled"
                - package: { name: "{{ facts.mail_package }}" }
            """, [ExtraVarsOf("pkg=postfix")]).ShouldBeEmpty();

    [Fact]
    public void Item_is_defined_only_inside_a_loop() =>
        Validate("""
            - hosts: mail
              vars: { zones: [public, internal] }
              tasks:
                - firewalld: { zone: "{{ item }}" }
                  loop: "{{ zones }}"
                - firewalld: { zone: "{{ item }}", service: "{{ item }}" }
                  loop: [a, b]
                - firewalld: { zone: "{{ item }}" }
            """).ShouldBe([$"{Site}:8:26: undefined variable 'item' — define it in vars, vars_files, the inventory or with -e"]);

    [Fact]
    public void Loop_over_something_that_is_not_a_list() =>
        Validate("""
            - hosts: mail
              tasks:
                - firewalld: { zone: "{{ item }}" }
                  loop: "{{ domain }}"
            """).ShouldBe([$"{Site}:4:13: 'loop' must give a list, but {{{{ domain }}}} is not a list — point loop at a list variable, or write loop: [a, b]"]);

    [Fact]
    public void Registered_names_are_defined_for_later_tasks_only() =>
        Validate("""
            - hosts: mail
              stages:
                - name: one
                  tasks:
                    - command: "echo {{ early.stdout }}"
                    - command: postconf -h myhostname
                      register: early
                      changed_when: early.rc == 0
                - name: two
                  tasks:
                    - command: "echo {{ early.stdout }}"
                      when: early.rc == 0
            """).ShouldBe([$"{Site}:5:20: undefined variable 'early' — define it in vars, vars_files, the inventory or with -e"]);

    [Fact]
    public void Undefined_in_a_condition_and_a_probe() =>
        Validate("""
            - hosts: mail
              stages:
                - name: smtp
                  tasks:
                    - package: { name: postfix }
                      when: use_postfix
                  verify:
                    - tcp: { host: "{{ host.address }}", port: "{{ smtp_port }}" }
            """).ShouldBe([
            $"{Site}:6:17: undefined variable 'use_postfix' — define it in vars, vars_files, the inventory or with -e",
            $"{Site}:8:52: undefined variable 'smtp_port' — define it in vars, vars_files, the inventory or with -e",
        ]);

    [Fact]
    public void Template_files_are_checked_for_undefined_variables_at_their_own_position()
    {
        _dir.Write("templates/main.cf.liquid", "# main.cf\nmydomain = {{ domain }}\nrelayhost = {{ relayhost }}\n");
        Validate("""
            - hosts: mail
              tasks:
                - template: { src: main.cf.liquid, dest: /etc/postfix/main.cf }
            """).ShouldBe([
            $"{Path.Combine(_dir.Path, "templates", "main.cf.liquid")}:3:16: undefined variable 'relayhost' (used by task 'template' at {Site}:3:7) — define it in vars, vars_files, the inventory or with -e",
        ]);
    }

    [Fact]
    public void Template_file_syntax_errors_point_into_the_template()
    {
        _dir.Write("postfix/main.cf.liquid", "line one\n{% if domain %}\nno end\n");
        var errors = Validate("""
            - hosts: mail
              tasks:
                - template: { src: postfix/main.cf.liquid, dest: /etc/postfix/main.cf }
            """);
        errors.ShouldHaveSingleItem().ShouldStartWith($"{Path.Combine(_dir.Path, "postfix", "main.cf.liquid")}:");
        errors[0].ShouldContain("template syntax error:");
    }

    [Fact]
    public void A_missing_template_file_is_reported_at_src() =>
        Validate("""
            - hosts: mail
              tasks:
                - template: { src: nope.liquid, dest: /etc/x }
            """).ShouldHaveSingleItem().ShouldStartWith($"{Site}:3:24: template file 'nope.liquid' not found");

    [Fact]
    public void Unknown_group_in_hosts_is_reported_at_the_hosts_value() =>
        Validate("""
            - hosts: mial
              tasks:
                - package: { name: postfix }
            """).ShouldBe([$"{Site}:1:10: 'mial' is neither a group nor a host of the inventory — did you mean 'mail'?"]);

    [Fact]
    public void Without_an_inventory_the_implicit_localhost_is_used()
    {
        var site = _dir.Write("site.yml", """
            - hosts: anything
              tasks:
                - command: "echo {{ inventory_hostname }} {{ missing }}"
            """);
        var (_, inventory, diagnostics) = PlaybookValidator.Validate(site, [], [], Fakes.Modules(), Fakes.Probes());
        inventory.ShouldBeNull();
        diagnostics.Select(d => d.ToString()).ShouldBe([$"{Site}:3:16: undefined variable 'missing' — define it in vars, vars_files, the inventory or with -e"]);
    }

    [Fact]
    public void Parse_errors_stop_before_rendering()
    {
        var site = _dir.Write("site.yml", "- hosts: mail\n  tasks:\n    - pakage: { name: \"{{ undefined_thing }}\" }\n");
        var (playbook, _, diagnostics) = PlaybookValidator.Validate(site, [], [], Fakes.Modules(), Fakes.Probes());
        playbook.ShouldBeNull();
        diagnostics.ShouldHaveSingleItem().Message.ShouldBe("unknown module 'pakage'");
    }

    [Fact]
    public void Stage_and_import_vars_count_for_their_tasks_and_probes_only_and_imported_problems_are_told_in_their_file()
    {
        _dir.Write("tasks/relay.yml", "- copy: { dest: /etc/relay, content: \"{{ relay_host }} {{ port }} {{ missing }}\" }\n");

        Validate("""
            - hosts: mail
              stages:
                - name: one
                  vars: { port: 587 }
                  tasks:
                    - import_tasks: tasks/relay.yml
                      vars: { relay_host: smtp.example }
                      when: enabled == true
                  verify:
                    - tcp: { host: "{{ relay_host }}", port: "{{ port }}" }
                - name: two
                  tasks:
                    - copy: { dest: /etc/port, content: "{{ port }}" }
            """).ShouldBe([
            $"{Site}:8:17: undefined variable 'enabled' — define it in vars, vars_files, the inventory or with -e",
            $"{Site}:10:24: undefined variable 'relay_host' — define it in vars, vars_files, the inventory or with -e",
            $"{Site}:13:45: undefined variable 'port' — define it in vars, vars_files, the inventory or with -e",
            $"{Path.Combine(_dir.Path, "tasks/relay.yml")}:1:38: undefined variable 'missing' — define it in vars, vars_files, the inventory or with -e",
        ]);
    }

    private static MapNode ExtraVarsOf(string argument) => Provisioner.Variables.ExtraVars.Parse(argument, new Diagnostics())!;
}
