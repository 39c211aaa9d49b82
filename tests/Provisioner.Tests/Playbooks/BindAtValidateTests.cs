using Provisioner.Execution;
using Provisioner.Modules;
using Provisioner.Probes;
using Provisioner.Yaml;

namespace Provisioner.Tests.Playbooks;

/// <summary>
/// validate binds every task's arguments per host with the real modules, and checks probe arguments,
/// so what a run would refuse at bind time is a located exit 4 before any connection.
/// </summary>
public sealed class BindAtValidateTests : IDisposable
{
    private readonly TempDir _dir = new();
    public void Dispose() => _dir.Dispose();

    private string Site => Path.Combine(_dir.Path, "site.yml");

    private IReadOnlyList<string> Validate(string playbook)
    {
        _dir.Write("site.yml", playbook);
        var inventory = _dir.Write("hosts.yml", "all:\n  hosts:\n    mx1: { smtp: \"25\" }\n    mx2: { smtp: abc }\n");
        var (_, _, diagnostics) = PlaybookValidator.Validate(Site, [inventory], [], ModuleRegistry.Default, ProbeRegistry.Default);
        return diagnostics.Select(d => d.ToString()).ToList();
    }

    [Fact]
    public void Literal_paths_modes_accounts_and_ports_are_checked_when_the_playbook_is_read() =>
        Validate("""
            - hosts: all
              stages:
                - name: one
                  tasks:
                    - file: { path: etc/motd, mode: "u=rwx,g=rx,o=", owner: "bad name" }
                    - command: { cmd: make, chdir: build }
                  verify:
                    - tcp: { host: mx1, port: 70000 }
            """).ShouldBe([
            $"{Site}:5:25: 'path' of file must be an absolute path (starting with '/'), not 'etc/motd' — write path: /etc/motd",
            $"{Site}:5:41: 'mode' of file must be an octal mode like '0644', not 'u=rwx,g=rx,o=' — write mode: \"0750\" (symbolic modes are not supported)",
            $"{Site}:5:65: 'owner' of file must be an account name or a numeric id, not 'bad name' — use letters, digits, '_', '.', '-' (up to 32), starting with a letter or '_'",
            $"{Site}:6:40: 'chdir' of command must be an absolute path (starting with '/'), not 'build' — write chdir: /build",
            $"{Site}:8:35: 'port' of tcp must be a TCP port (1-65535), not '70000' — write port: 25",
        ]);

    [Fact]
    public void Rendered_values_are_bound_per_host_as_a_run_would()
    {
        Validate("""
            - hosts: all
              vars: { rel: etc/motd, tab: "/etc/a\tb", who: "bad name" }
              stages:
                - name: one
                  tasks:
                    - copy: { dest: "{{ rel }}", content: x }
                    - file: { path: "{{ tab }}", state: directory }
                    - copy: { dest: /etc/x, content: x, owner: "{{ who }}" }
                    - lineinfile: { path: /etc/x, line: y, regexp: "{{ rel }}(" }
                  verify:
                    - tcp: { host: mx1, port: "{{ smtp }}" }
            """).ShouldBe([
            $"{Site}:6:25: 'dest' must be an absolute path (starting with '/'), not 'etc/motd' — write dest: /etc/motd",
            $"{Site}:7:25: 'path' contains a control character (U+0009) at position 7 — remove it: a path holds no tabs or line breaks",
            $"{Site}:8:52: 'owner' must be an account name or a numeric id, not 'bad name' — use letters, digits, '_', '.', '-' (up to 32), starting with a letter or '_'",
            $"{Site}:9:56: 'regexp' is not a valid regular expression: Invalid pattern 'etc/motd(' at offset 9. Not enough )'s. — fix the pattern (.NET syntax)",
            $"{Site}:11:35: 'port' of tcp must be a TCP port (1-65535), not 'abc' (for host mx2) — write port: 25",
        ]);
    }

    [Fact]
    public void A_template_file_that_is_not_utf8_is_found_by_validate()
    {
        var template = Path.Combine(_dir.Path, "templates", "motd.liquid");
        Directory.CreateDirectory(Path.GetDirectoryName(template)!);
        File.WriteAllBytes(template, [.. "Welcome to {{ inventory_hostname }}\ncaf"u8, 0xE9, .. "\n"u8]);
        Validate("""
            - hosts: all
              tasks:
                - template: { src: motd.liquid, dest: /etc/motd }
            """).ShouldBe([$"{template}:2:4: invalid UTF-8 (byte 0xE9 at byte offset 39) — save the file as UTF-8"]);
    }

    [Fact]
    public void What_only_a_run_knows_is_bound_when_the_task_runs() =>
        Validate("""
            - hosts: all
              stages:
                - name: one
                  tasks:
                    - copy: { dest: "{{ facts.home_dir }}", content: x }
                    - command: hostname
                      register: out
                    - copy: { dest: "{{ out.stdout }}", content: x }
                    - file: { path: "{{ item }}", state: directory }
                      loop: "{{ facts.dirs }}"
                    - file: { path: "{{ item }}", state: directory }
                      loop: ["{{ facts.home_dir }}", /srv]
                    - file: { path: "{{ facts.home_dir | upcase }}", mode: "{{ facts.mode }}" }
            """).ShouldBeEmpty();
}
