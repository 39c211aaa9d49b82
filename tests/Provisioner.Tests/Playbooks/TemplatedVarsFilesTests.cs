using Provisioner.Execution;

namespace Provisioner.Tests.Playbooks;

/// <summary>
/// Issue 24: a templated vars_files name was skipped, so its variables were "undefined" and a missing
/// file went unnoticed. Now it is rendered per host with what is known before the run, as Ansible does.
/// </summary>
public sealed class TemplatedVarsFilesTests : IDisposable
{
    private readonly TempDir _dir = new();
    public void Dispose() => _dir.Dispose();

    private const string Inventory = """
        all:
          hosts:
            mx1: { env: prod }
            mx2: { env: test }
        """;

    private IReadOnlyList<string> Validate(string playbook)
    {
        var site = _dir.Write("site.yml", playbook);
        var inv = _dir.Write("hosts.yml", Inventory);
        var (pb, _, diagnostics) = PlaybookValidator.Validate(site, [inv], [], Fakes.Modules(), Fakes.Probes());
        pb.ShouldNotBeNull();
        return diagnostics.Select(d => d.ToString()).ToList();
    }

    private string Site => Path.Combine(_dir.Path, "site.yml");

    [Fact]
    public void Each_host_loads_the_file_its_own_variables_name()
    {
        _dir.Write("vars/prod.yml", "relay: prod.example\n");
        _dir.Write("vars/test.yml", "relay: test.example\n");
        Validate("""
            - hosts: all
              vars_files: ["vars/{{ env }}.yml"]
              tasks:
                - copy: { dest: /etc/relay, content: "{{ relay }}" }
            """).ShouldBeEmpty();
    }

    [Fact]
    public void The_plays_vars_name_a_file_too_and_a_missing_one_is_an_error_for_the_hosts_that_name_it()
    {
        _dir.Write("vars/prod-eu.yml", "relay: prod.example\n");
        Validate("""
            - hosts: all
              vars: { region: eu }
              vars_files: ["vars/{{ env }}-{{ region }}.yml"]
              tasks:
                - copy: { dest: /etc/relay, content: "{{ relay }}" }
            """).ShouldBe([
            $"{Site}:3:16: vars file 'vars/test-eu.yml' not found (looked for {Path.Combine(_dir.Path, "vars/test-eu.yml")}) (for host mx2) — vars_files are relative to the playbook's directory",
            $"{Site}:5:42: undefined variable 'relay' (for host mx2) — define it in vars, vars_files, the inventory or with -e",
        ]);
    }

    [Fact]
    public void A_name_from_facts_cannot_be_known_before_the_run_and_says_so() =>
        Validate("""
            - hosts: all
              vars_files: ["vars/{{ facts.os_family }}.yml"]
              tasks:
                - copy: { dest: /etc/x, content: hi }
            """).ShouldBe([
            $"{Site}:2:16: vars_files entry 'vars/{{{{ facts.os_family }}}}.yml': undefined variable 'facts' — facts are read from the host after the vars files are loaded: name the file with variables from vars, the inventory or -e",
        ]);
}
