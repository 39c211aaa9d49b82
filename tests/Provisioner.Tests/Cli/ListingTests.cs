using Provisioner.Tests.Playbooks;

namespace Provisioner.Tests.CliTests;

/// <summary>
/// Issue 16: --list-hosts and --list-tasks, as ansible-playbook has them: what the inventory, --limit,
/// --stage and the tags select, printed on stdout, with no connection (exit 0).
/// </summary>
public sealed class ListingTests : IDisposable
{
    private readonly TempDir _dir = new();
    public void Dispose() => _dir.Dispose();

    private const string Play = "play 1 Mail server (Postfix + Dovecot) in eight verified stages (hosts: all)";

    private static string Site => Fixture.Path(Path.Combine("..", "..", "..", "playbooks", "site.yml"));

    /// <summary>
    /// Two hosts nothing can connect to: mail1 at a TEST-NET address (a connection would wait for its
    /// timeout), mail2 at a closed local port (a connection would be refused: exit 3).
    /// </summary>
    private string[] SiteArgs(string command, params string[] more)
    {
        const string vars = "domain: example.jp, fqdn: mail.example.jp, pub_interface: enp1s0, lan_interface: enp2s0, lan_cidr: 192.168.1.0/24, " +
            "pub_address: 203.0.113.25, lan_address: 192.168.1.25, ca_file: '', sieve_forward_to: owner@example.org";
        _dir.Write("hosts.yml", $"all:\n  hosts:\n    mail1: {{ address: 192.0.2.1, {vars} }}\n    mail2: {{ address: 127.0.0.1, port: 1, {vars} }}\n");
        _dir.WriteSecret("mine.secret.yml", "owner_password: a-long-owner-secret\nprobe_password: a-long-probe-secret\n");
        return [command, Site, "-i", "hosts.yml", "--vars-file", "mine.secret.yml", .. more];
    }

    private static string[] Lines(string text) => text.TrimEnd('\n').Split('\n');

    [Theory]
    [InlineData("apply")]
    [InlineData("check")]
    [InlineData("verify")]
    public async Task List_hosts_prints_the_selected_hosts_and_connects_to_none(string command)
    {
        var run = await ProvisionProcess.RunAsync(_dir.Path, SiteArgs(command, "--list-hosts"));

        run.ExitCode.ShouldBe(0, run.ToString());
        Lines(run.Stdout).ShouldBe([$"{Play}: 2 host(s)", "  mail1", "  mail2"]);
        run.Stderr.ShouldNotContain("unreachable");
        run.Stderr.ShouldNotContain("RECAP");
    }

    [Fact]
    public async Task List_hosts_follows_limit()
    {
        var run = await ProvisionProcess.RunAsync(_dir.Path, SiteArgs("apply", "--list-hosts", "--limit", "mail2"));

        run.ExitCode.ShouldBe(0, run.ToString());
        Lines(run.Stdout).ShouldBe([$"{Play}: 1 host(s)", "  mail2"]);
    }

    [Fact]
    public async Task List_tasks_prints_the_selected_stages_tasks_with_their_modules_and_probes()
    {
        var run = await ProvisionProcess.RunAsync(_dir.Path, SiteArgs("apply", "--list-tasks", "--stage", "pop3"));

        run.ExitCode.ShouldBe(0, run.ToString());
        Lines(run.Stdout).ShouldBe([
            Play,
            "  stage 2 pop3",
            "    task dovecot installed (package)",
            "    task drop-in directory for later stages (file)",
            "    task dovecot.conf owned whole (syntax for the installed Dovecot, 2.3 or 2.4) (template)",
            "    task dovecot running at boot (service)",
            "    task POP3 (110) open in the LAN zone only (firewalld)",
            "    verify dovecot accepts its configuration (command)",
            "    verify 110 answers on the LAN (tcp)",
            "    verify 110 closed on the global NIC (tcp)",
            "    verify POP3 login from the LAN (pop3)",
        ]);
        run.Stderr.ShouldNotContain("unreachable");
    }

    [Fact]
    public async Task Verify_lists_the_probes_only_and_skip_verify_leaves_them_out_of_apply()
    {
        var verify = await ProvisionProcess.RunAsync(_dir.Path, SiteArgs("verify", "--list-tasks", "--stage", "2"));
        var apply = await ProvisionProcess.RunAsync(_dir.Path, SiteArgs("apply", "--list-tasks", "--stage", "2", "--skip-verify"));

        verify.ExitCode.ShouldBe(0, verify.ToString());
        Lines(verify.Stdout).ShouldBe([
            Play, "  stage 2 pop3",
            "    verify dovecot accepts its configuration (command)",
            "    verify 110 answers on the LAN (tcp)",
            "    verify 110 closed on the global NIC (tcp)",
            "    verify POP3 login from the LAN (pop3)",
        ]);
        apply.ExitCode.ShouldBe(0, apply.ToString());
        apply.Stdout.ShouldNotContain("verify ");
        apply.Stdout.ShouldContain("    task dovecot running at boot (service)\n");
    }

    [Fact]
    public async Task Validate_and_list_tasks_name_the_steps_and_stages_a_rollback_may_not_undo()
    {
        _dir.Write("play.yml", """
            - name: web
              hosts: all
              stages:
                - name: base
                  tasks:
                    - name: marker
                      command: { cmd: "true", creates: /tmp/marker }
                    - name: declared
                      command: { cmd: "make-db" }
                      touches: [/var/lib/db]
                - name: app
                  tasks:
                    - name: migrate
                      command: { cmd: "migrate-db" }
                    - name: newest runtime
                      package: { name: runtime, state: latest }
            """);
        _dir.Write("hosts", "web1 address=127.0.0.1 port=1\n");

        var list = await ProvisionProcess.RunAsync(_dir.Path, "apply", "play.yml", "-i", "hosts", "--list-tasks");
        var validate = await ProvisionProcess.RunAsync(_dir.Path, "validate", "play.yml", "-i", "hosts");

        list.ExitCode.ShouldBe(0, list.ToString());
        Lines(list.Stdout).ShouldBe([
            "play 1 web (hosts: all)",
            "  stage 1 base",
            "    task marker (command)",
            "    task declared (command)",
            "  stage 2 app",
            "    task migrate (command) [may not be undone: what a command changes is not known: name the paths it changes with the task's touches: (or creates:) so an undo restores them]",
            "    task newest runtime (package) [may not be undone: state: latest: an undo takes the package back to its old version only while the repository still offers it]",
        ]);
        validate.ExitCode.ShouldBe(0, validate.ToString());
        validate.Stderr.ShouldContain("note: stage 2 'app' of play 1 holds a step a rollback may not undo: task 'migrate' (");
        validate.Stderr.ShouldContain("note: stage 2 'app' of play 1 holds a step a rollback may not undo: task 'newest runtime' (");
        validate.Stderr.ShouldNotContain("'base'");
    }

    [Fact]
    public async Task List_tasks_shows_tags_and_follows_tags_and_skip_tags_and_stage_ranges()
    {
        _dir.Write("play.yml", """
            - name: web
              hosts: all
              stages:
                - name: base
                  tasks:
                    - name: motd
                      copy: { content: "hi\n", dest: /etc/motd }
                      tags: [motd, base]
                    - name: marker
                      command: { cmd: "true", creates: /tmp/marker }
                - name: app
                  tasks:
                    - name: app dir
                      file: { path: /srv/app, state: directory }
                      tags: [app]
                    - name: slow thing
                      command: { cmd: "true", creates: /tmp/slow }
                      tags: [app, slow]
                - name: extra
                  tasks:
                    - name: extra marker
                      command: { cmd: "true", creates: /tmp/extra }
            """);
        _dir.Write("hosts", "web1 address=127.0.0.1 port=1\n");

        var all = await ProvisionProcess.RunAsync(_dir.Path, "check", "play.yml", "-i", "hosts", "--list-tasks", "--stage", "1-2");
        var tagged = await ProvisionProcess.RunAsync(_dir.Path, "check", "play.yml", "-i", "hosts", "--list-tasks", "--tags", "app,motd", "--skip-tags", "slow");

        all.ExitCode.ShouldBe(0, all.ToString());
        Lines(all.Stdout).ShouldBe([
            "play 1 web (hosts: all)",
            "  stage 1 base",
            "    task motd (copy) [tags: motd, base]",
            "    task marker (command)",
            "  stage 2 app",
            "    task app dir (file) [tags: app]",
            "    task slow thing (command) [tags: app, slow]",
        ]);
        tagged.ExitCode.ShouldBe(0, tagged.ToString());
        Lines(tagged.Stdout).ShouldBe([
            "play 1 web (hosts: all)",
            "  stage 1 base",
            "    task motd (copy) [tags: motd, base]",
            "  stage 2 app",
            "    task app dir (file) [tags: app]",
            "  stage 3 extra",
        ]);
    }

    [Fact]
    public async Task Both_lists_together_print_hosts_then_tasks()
    {
        _dir.Write("play.yml", "- name: one\n  hosts: all\n  stages:\n    - name: only\n      tasks:\n        - name: t\n          command: 'true'\n");
        _dir.Write("hosts", "web1 address=127.0.0.1 port=1\n");

        var run = await ProvisionProcess.RunAsync(_dir.Path, "apply", "play.yml", "-i", "hosts", "--list-hosts", "--list-tasks");

        run.ExitCode.ShouldBe(0, run.ToString());
        Lines(run.Stdout).ShouldBe(["play 1 one (hosts: all): 1 host(s)", "  web1", "play 1 one (hosts: all)", "  stage 1 only",
            "    task t (command) [may not be undone: what a command changes is not known: name the paths it changes with the task's touches: (or creates:) so an undo restores them]"]);
    }
}
