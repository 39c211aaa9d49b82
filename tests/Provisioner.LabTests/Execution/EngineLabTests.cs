using Provisioner.LabTests.Lab;

namespace Provisioner.LabTests.Execution;

public sealed class EngineLabFixture() : FreshLabFixture("t-engine");

/// <summary>
/// The engine end to end against a real host: the example playbook (copy, file, template, command,
/// service, package) converges, re-applies with no change, checks clean, and detects and repairs
/// deliberate drift of every kind.
/// </summary>
public sealed class EngineLabTests(EngineLabFixture fx) : IClassFixture<EngineLabFixture>
{
    private const string Playbook = "playbooks/examples/basics.yml";

    private Task<CliRun> Provision(params string[] args) => fx.Provision(args);

    [Fact]
    public async Task Example_playbook_converges_then_reports_no_change_and_repairs_drift()
    {
        // A fresh host: check predicts changes and changes nothing.
        var check0 = await Provision("check", Playbook);
        check0.ExitCode.ShouldBe(2, check0.ToString());
        fx.Lab.Run("test ! -e /srv/provision-demo && echo untouched").ShouldBe("untouched");

        var apply1 = await Provision("apply", Playbook);
        apply1.ExitCode.ShouldBe(2, apply1.ToString());
        apply1.Tasks("failed").ShouldBeEmpty();
        // Check mode predicted exactly what apply then changed, handlers included.
        check0.Tasks("changed").ShouldBe(apply1.Tasks("changed"), check0.ToString());

        var apply2 = await Provision("apply", Playbook);
        apply2.ExitCode.ShouldBe(0, apply2.ToString());
        apply2.Tasks("changed").ShouldBeEmpty();

        var check1 = await Provision("check", Playbook);
        check1.ExitCode.ShouldBe(0, check1.ToString());

        fx.Lab.Run("systemctl is-active provision-demo").ShouldBe("active");
        fx.Lab.Run("stat -c '%a %U' /srv/provision-demo/app.conf").ShouldBe("640 root");
        fx.Lab.Run("readlink /srv/provision-demo/current").ShouldBe("/srv/provision-demo/app.conf");
        fx.Lab.Run("cat /etc/motd").ShouldContain($"{fx.Lab.Name} (Debian GNU/Linux");

        // Drift of every kind: edited file, changed mode, removed link, stopped service, removed package.
        fx.Lab.Run("echo 'listen = 9999' > /srv/provision-demo/app.conf; chmod 0600 /etc/motd; rm /srv/provision-demo/current; " +
                   "systemctl stop provision-demo; apt-get -y -q remove swaks >/dev/null 2>&1; echo done").ShouldBe("done");
        var drift = await Provision("check", Playbook, "--diff");
        drift.ExitCode.ShouldBe(2, drift.ToString());
        drift.Tasks("changed").ShouldBe(
            ["app config from inline content", "message of the day from a Liquid template", "current -> app.conf",
             "swaks installed (from the package cache)", "demo service running and enabled"], ignoreOrder: true, drift.ToString());
        drift.StdErr.ShouldContain("-listen = 9999");
        drift.StdErr.ShouldContain("+listen = 8080");
        fx.Lab.Run("systemctl is-active provision-demo || true").ShouldBe("inactive");

        var repair = await Provision("apply", Playbook);
        repair.ExitCode.ShouldBe(2, repair.ToString());
        repair.Tasks("changed").ShouldBe(drift.Tasks("changed"), ignoreOrder: true);
        var after = await Provision("check", Playbook);
        after.ExitCode.ShouldBe(0, after.ToString());
        fx.Lab.Run("systemctl is-active provision-demo").ShouldBe("active");
    }

    [Fact]
    public async Task Become_through_a_sudo_user_writes_root_owned_files()
    {
        var inventory = (await File.ReadAllTextAsync(fx.Inventory))
            .Replace("user: root", "user: deploy\n          become: true")
            .Replace("keys/id_ed25519", "keys/deploy_ed25519");
        var path = Path.Combine(Path.GetTempPath(), $"inv-become-{Guid.NewGuid():N}.yml");
        await File.WriteAllTextAsync(path, inventory);
        var playbook = Path.Combine(Path.GetTempPath(), $"become-{Guid.NewGuid():N}.yml");
        await File.WriteAllTextAsync(playbook, """
            - hosts: all
              tasks:
                - name: root-only file
                  copy: { dest: /root/become-proof, content: "written via sudo\n", mode: "0600" }
                - name: whoami
                  command: { cmd: "id -u > /root/become-uid", creates: /root/become-uid }
            """);
        var run = await ProvisionCli.RunAsync("apply", playbook, "-i", path);
        run.ExitCode.ShouldBe(2, run.ToString());
        fx.Lab.Run("stat -c '%U %a' /root/become-proof; cat /root/become-uid").ShouldBe("root 600\n0");
        (await ProvisionCli.RunAsync("apply", playbook, "-i", path)).ExitCode.ShouldBe(0);
    }

    [Fact]
    public async Task Unknown_host_key_is_refused_with_exit_3_and_the_fingerprint()
    {
        var empty = Path.Combine(Path.GetTempPath(), $"known-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(empty, "");
        var inventory = (await File.ReadAllTextAsync(fx.Inventory)).Replace(fx.Lab.Host.KnownHosts, empty);
        var path = Path.Combine(Path.GetTempPath(), $"inv-unknown-{Guid.NewGuid():N}.yml");
        await File.WriteAllTextAsync(path, inventory);
        var run = await ProvisionCli.RunAsync("check", Playbook, "-i", path);
        run.ExitCode.ShouldBe(3, run.ToString());
        run.StdErr.ShouldContain("SHA256:");
        run.StdErr.ShouldContain("--accept-new-host-keys");
        (await File.ReadAllTextAsync(empty)).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_unreachable_host_gives_exit_3_while_the_other_host_converges()
    {
        var inventory = (await File.ReadAllTextAsync(fx.Inventory)) + """
                    ghost:
                      address: 127.0.0.1
                      port: 1
                      user: root
                      identity_file: /var/tmp/provisioner-lab/keys/id_ed25519
                      known_hosts: /var/tmp/provisioner-lab/known_hosts

            """;
        var path = Path.Combine(Path.GetTempPath(), $"inv-ghost-{Guid.NewGuid():N}.yml");
        await File.WriteAllTextAsync(path, inventory);
        var playbook = Path.Combine(Path.GetTempPath(), $"ghost-{Guid.NewGuid():N}.yml");
        await File.WriteAllTextAsync(playbook, """
            - hosts: all
              tasks:
                - name: marker
                  copy: { dest: /tmp/ghost-run-marker, content: "{{ inventory_hostname }}\n" }
            """);
        var run = await ProvisionCli.RunAsync("apply", playbook, "-i", path);
        run.ExitCode.ShouldBe(3, run.ToString());
        run.StdErr.ShouldContain("[ghost] unreachable");
        fx.Lab.Run("cat /tmp/ghost-run-marker").ShouldBe(fx.Lab.Name);
    }

    [Fact]
    public async Task Invalid_playbook_exits_4_before_connecting()
    {
        var playbook = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.yml");
        await File.WriteAllTextAsync(playbook, """
            - hosts: all
              tasks:
                - name: typo
                  cpoy: { dest: /tmp/never-written, content: x }
            """);
        var run = await Provision("apply", playbook);
        run.ExitCode.ShouldBe(4, run.ToString());
        run.StdErr.ShouldContain(":4:7:");
        run.StdErr.ShouldContain("copy");
        fx.Lab.Run("test -e /tmp/never-written && echo yes || echo no").ShouldBe("no");
    }
}
