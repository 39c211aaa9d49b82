using Provisioner.LabTests.Execution;

namespace Provisioner.LabTests.Journal;

public sealed class GuardLabFixture() : FreshLabFixture("t-guard")
{
    /// <summary>
    /// The tests share the host: a journal one of them leaves open (it failed half-way) must not turn
    /// the next one's run into a recovery. Closes every open journal and stops every guard timer.
    /// </summary>
    public void ForgetOpenJournals() => Lab.Run("""
        systemctl stop 'provision-guard-*.timer' 2>/dev/null
        for s in /var/lib/provision/journal/*/*/state; do [ -f "$s" ] && grep -qx -e open -e restoring -e incomplete "$s" && echo discarded > "$s"; done
        echo clean
        """).ShouldBe("clean");
}

/// <summary>
/// What a dead or slow controller leaves behind must never undo a finished host: the firewall guard
/// timer covers the firewall change only, a recovery disarms the old run's timer, a restore acts only
/// on an open journal, and a recovery that would throw away later changes stops instead.
/// </summary>
public sealed class GuardLabTests : IClassFixture<GuardLabFixture>
{
    private readonly GuardLabFixture fx;

    public GuardLabTests(GuardLabFixture fixture)
    {
        fx = fixture;
        fx.ForgetOpenJournals();
    }

    private const string Journals = "/var/lib/provision/journal";

    private string ActiveGuardTimers() =>
        fx.Lab.Run("systemctl list-units --all --plain --no-legend 'provision-guard-*.timer' | awk '$3 == \"active\"' | wc -l");

    [Fact]
    public async Task A_killed_runs_guard_timer_never_undoes_what_the_next_run_did()
    {
        var playbook = await ProvisionCli.WritePlaybookAsync("""
            - name: guard test
              hosts: all
              stages:
                - name: open services
                  tasks:
                    - name: services in the LAN zone
                      firewalld: { zone: internal, service: "{{ item }}" }
                      loop: [http, https, imap, imaps, ldap, ldaps, ftp, smtps]
                    - name: a file after the firewall change
                      copy: { dest: /etc/guard-test.conf, content: "x\n" }
            """);
        // Long enough that the next run recovers before the old timer fires even on a loaded machine
        // (a timer that fired first would be the host's own, correct undo: this test would prove nothing).
        const int Guard = 60;
        var killed = ProvisionCli.Start("apply", playbook, "-i", fx.Inventory, "--firewall-guard", $"{Guard}");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && ActiveGuardTimers() == "0" && !killed.Process.HasExited) await Task.Delay(100);
        var armed = DateTime.UtcNow;
        killed.Process.HasExited.ShouldBeFalse($"the run ended before its guard was armed:\n{(killed.Process.HasExited ? await killed.Completion : null)}");
        killed.Process.Kill(entireProcessTree: true);
        await killed.Completion;
        ActiveGuardTimers().ShouldBe("1", "the killed run left no armed guard timer: the test proves nothing");

        var next = await ProvisionCli.RunAsync("apply", playbook, "-i", fx.Inventory);
        next.ExitCode.ShouldBe(2, next.ToString());
        var recovered = next.Report!.RootElement.GetProperty("hosts")[0].GetProperty("recovered");
        recovered.GetArrayLength().ShouldBe(1, next.ToString());
        recovered[0].GetString()!.ShouldContain("restored /etc/firewalld", Case.Sensitive, next.ToString());
        ActiveGuardTimers().ShouldBe("0", "recovery left the old run's guard timer armed");

        // Past the old timer's deadline, what the second run did is all still there ...
        var pastDeadline = armed.AddSeconds(Guard + 5) - DateTime.UtcNow;
        if (pastDeadline > TimeSpan.Zero) await Task.Delay(pastDeadline);
        fx.Lab.Run("test -f /etc/guard-test.conf && firewall-cmd -q --zone=internal --query-service=smtps && firewall-cmd -q --permanent --zone=internal --query-service=smtps && echo intact")
            .ShouldBe("intact");
        // ... and the old journal's own restore, run as its timer would run it, does nothing.
        var old = fx.Lab.Run($"grep -lx rolled-back {Journals}/*/p01-01-open_services/state | head -n 1").Replace("/state", "");
        fx.Lab.Run($"sh {old}/journal.sh restore {old} guard; echo \"exit $?\"").ShouldBe("rolled-back\nexit 10");
        fx.Lab.Run("test -f /etc/guard-test.conf && echo intact").ShouldBe("intact");
    }

    [Fact]
    public async Task The_guard_covers_the_firewall_change_only_not_a_slow_stage_around_it()
    {
        var playbook = await ProvisionCli.WritePlaybookAsync("""
            - name: slow stage
              hosts: all
              stages:
                - name: slow around the firewall
                  tasks:
                    - name: first change
                      copy: { dest: /etc/guard-slow-1.conf, content: "1\n" }
                    - name: slower than the guard
                      command: { cmd: "sleep 20" }
                    - name: the firewall change
                      firewalld: { zone: internal, service: pop3s }
                    - name: slower than the guard again
                      command: { cmd: "sleep 20" }
                    - name: last change
                      copy: { dest: /etc/guard-slow-2.conf, content: "2\n" }
            """);
        fx.Lab.Run("rm -f /etc/guard-slow-*.conf; firewall-cmd -q --permanent --zone=internal --remove-service=pop3s; firewall-cmd -q --reload; echo ok").ShouldBe("ok");

        var run = await ProvisionCli.RunAsync("apply", playbook, "-i", fx.Inventory, "--firewall-guard", "15");

        run.ExitCode.ShouldBe(2, run.ToString());
        await Task.Delay(TimeSpan.FromSeconds(3));
        fx.Lab.Run("cat /etc/guard-slow-1.conf /etc/guard-slow-2.conf && firewall-cmd -q --permanent --zone=internal --query-service=pop3s && echo kept").ShouldBe("1\n2\nkept");
        fx.Lab.Run($"cat $(ls -1d {Journals}/*/p01-01-slow_around_the_firewall | sort | tail -n 1)/state").ShouldBe("committed");
    }

    [Fact]
    public async Task A_handler_that_restarts_the_firewall_is_checked_and_disarmed_like_a_task()
    {
        // Before: the handler armed the guard and only the commit stopped it, so probes longer than
        // the guard made the host undo a good stage by itself.
        var playbook = await ProvisionCli.WritePlaybookAsync("""
            - name: handler guard
              hosts: all
              stages:
                - name: handler restarts the firewall
                  tasks:
                    - name: a file that asks for the restart
                      copy: { dest: /etc/guard-handler.conf, content: "h\n" }
                      notify: restart firewalld
                  handlers:
                    - name: restart firewalld
                      service: { name: firewalld, state: restarted }
                  verify:
                    - name: probes slower than the guard
                      command: { cmd: "sleep 20" }
            """);
        fx.Lab.Run("rm -f /etc/guard-handler.conf; echo ok").ShouldBe("ok");

        var run = await ProvisionCli.RunAsync("apply", playbook, "-i", fx.Inventory, "--firewall-guard", "15");

        run.ExitCode.ShouldBe(2, run.ToString());
        await Task.Delay(TimeSpan.FromSeconds(3));
        fx.Lab.Run("cat /etc/guard-handler.conf").ShouldBe("h");
        fx.Lab.Run($"cat $(ls -1d {Journals}/*/p01-01-handler_restarts_the_firewall | sort | tail -n 1)/state").ShouldBe("committed");
        ActiveGuardTimers().ShouldBe("0");
    }

    [Fact]
    public async Task A_run_whose_connection_is_cut_keeps_the_lock_and_a_second_run_never_recovers_its_live_journal()
    {
        // Run 1 changes a file, then waits on a probe made from the controller (its SSH connection idle)
        // that fails after ~16 s. Its SSH connection is cut meanwhile and a second run starts. Before:
        // the cut freed the lock, run 2 took it and undid run 1's live stage as an interrupted one.
        var playbook = await ProvisionCli.WritePlaybookAsync("""
            - name: cut test
              hosts: all
              stages:
                - name: cut while probing
                  tasks:
                    - name: a change
                      copy: { dest: /etc/cut-test.conf, content: "1\n" }
                  verify:
                    - name: a port that never opens
                      tcp: { host: "{{ pub_address }}", port: 9, timeout: 1 }
                      retries: 8
                      delay: 2
            """);
        fx.Lab.Run("rm -f /etc/cut-test.conf; echo ok").ShouldBe("ok");
        var first = ProvisionCli.Start("apply", playbook, "-i", fx.Inventory);
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline && fx.Lab.Run("test -e /etc/cut-test.conf && echo yes || echo no") == "no" && !first.Process.HasExited) await Task.Delay(200);
        first.Process.HasExited.ShouldBeFalse("run 1 ended before its connection could be cut");
        // The sshd serving run 1: the parent of the lock's holder (line 2 of the owner file).
        fx.Lab.Run("kill -9 $(ps -o ppid= -p $(sed -n 2p /var/lib/provision/lock.owner)) && echo cut").ShouldBe("cut");

        var second = await ProvisionCli.RunAsync("apply", playbook, "-i", fx.Inventory);
        var firstDone = await first.Completion;

        second.StdErr.ShouldNotContain("recovered:", Case.Sensitive, $"run 2 undid run 1's live stage:\n{second}");
        second.StdErr.ShouldContain("waiting up to", Case.Sensitive, $"run 2 did not wait for the lock run 1 still holds:\n{second}");
        // Run 2 either gave up waiting or, once run 1 had finished and let the lock go, ran the stage
        // itself; its own probe then fails as run 1's did, and it rolls back its own change.
        second.ExitCode.ShouldBe(1, second.ToString());
        if (!second.StdErr.Contains("another provision run holds the lock", StringComparison.Ordinal))
            second.Report!.RootElement.GetProperty("hosts")[0].GetProperty("stages")[0].GetProperty("status").GetString().ShouldBe("rolled_back", second.ToString());
        firstDone.ExitCode.ShouldBe(1, firstDone.ToString());
        var stage = firstDone.Report!.RootElement.GetProperty("hosts")[0].GetProperty("stages")[0];
        stage.GetProperty("status").GetString().ShouldBe("rolled_back", firstDone.ToString());
        stage.GetProperty("message").GetString()!.ShouldContain("rolled back to the state before the stage");
        stage.GetProperty("message").GetString()!.ShouldNotContain("guard timer");
    }

    [Fact]
    public async Task A_guard_too_short_to_be_safe_is_refused_before_connecting()
    {
        var playbook = await ProvisionCli.WritePlaybookAsync("""
            - name: any
              hosts: all
              tasks:
                - name: a file
                  copy: { dest: /etc/never-written, content: "x\n" }
            """);
        foreach (var seconds in new[] { "0", "-5", "5" })
        {
            var run = await ProvisionCli.RunAsync("apply", playbook, "-i", fx.Inventory, "--firewall-guard", seconds);
            run.ExitCode.ShouldBe(4, run.ToString());
            run.StdErr.ShouldContain("--firewall-guard: ");
            run.StdErr.ShouldContain("give at least 15 seconds");
        }
        fx.Lab.Run("test -e /etc/never-written && echo written || echo absent").ShouldBe("absent");
    }

    [Fact]
    public async Task Recovery_stops_rather_than_undo_changes_made_after_the_run_died_and_says_how_to_go_on()
    {
        var playbook = await ProvisionCli.WritePlaybookAsync("""
            - name: recovery test
              hosts: all
              stages:
                - name: interrupted
                  tasks:
                    - name: tools present (the stage journals the package list)
                      package: { name: [procps] }
                    - name: a config file
                      copy: { dest: /etc/recovery-test.conf, content: "stage\n" }
                    - name: slow step
                      command: { cmd: "touch /tmp/recovery-slow-step; sleep 15" }
            """);
        fx.Lab.Run("rm -f /etc/recovery-test.conf; DEBIAN_FRONTEND=noninteractive apt-get -y -q purge swaks >/dev/null 2>&1; echo ok").ShouldBe("ok");

        async Task KillMidStageThenAdminChanges()
        {
            var killed = ProvisionCli.Start("apply", playbook, "-i", fx.Inventory);
            var deadline = DateTime.UtcNow.AddSeconds(60);
            // Killed in the slow step, after the file's task has finished: an edit to the file is then
            // the admin's, not something the interrupted task may have been writing.
            fx.Lab.Run("rm -f /tmp/recovery-slow-step; echo ok").ShouldBe("ok");
            while (DateTime.UtcNow < deadline && fx.Lab.Run("test -e /tmp/recovery-slow-step && echo yes || echo no") == "no") await Task.Delay(100);
            killed.Process.Kill(entireProcessTree: true);
            await killed.Completion;
            // The admin, after the run died: a package installed and the file edited.
            fx.Lab.Run("DEBIAN_FRONTEND=noninteractive apt-get -y -q install swaks >/dev/null && echo admin >> /etc/recovery-test.conf && echo changed").ShouldBe("changed");
        }

        await KillMidStageThenAdminChanges();
        var refused = await ProvisionCli.RunAsync("apply", playbook, "-i", fx.Inventory);
        refused.ExitCode.ShouldBe(1, refused.ToString());
        refused.StdErr.ShouldContain("changed since: /etc/recovery-test.conf");
        refused.StdErr.ShouldContain("package installed since: swaks");
        refused.StdErr.ShouldContain("Nothing was undone");
        refused.StdErr.ShouldContain($"provision rollback {playbook} --journal {LabJournals.Newest(fx.Lab, 1)}");
        refused.StdErr.ShouldContain("--discard-journal");
        fx.Lab.Run("cat /etc/recovery-test.conf; dpkg-query -W -f='${Status}' swaks").ShouldBe("stage\nadmin\ninstall ok installed");

        // Way forward 1: keep the host as it is; the stage then runs again on top of it.
        var kept = await ProvisionCli.RunAsync("apply", playbook, "-i", fx.Inventory, "--discard-journal");
        kept.ExitCode.ShouldBe(2, kept.ToString());
        kept.StdErr.ShouldContain("left as it is");
        fx.Lab.Run("dpkg-query -W -f='${Status}' swaks").ShouldBe("install ok installed");

        // Way forward 2: undo the stage anyway, knowing what goes with it.
        fx.Lab.Run("rm -f /etc/recovery-test.conf; DEBIAN_FRONTEND=noninteractive apt-get -y -q purge swaks >/dev/null 2>&1; echo ok").ShouldBe("ok");
        await KillMidStageThenAdminChanges();
        var forced = await ProvisionCli.RunAsync("rollback", playbook, "-i", fx.Inventory, "--stage", "1");
        forced.ExitCode.ShouldBe(2, forced.ToString());
        forced.StdErr.ShouldContain("removed /etc/recovery-test.conf (absent before the stage)");
        forced.StdErr.ShouldContain("purged packages: swaks");
        fx.Lab.Run("test -e /etc/recovery-test.conf && echo present || echo absent").ShouldBe("absent");
        (await ProvisionCli.RunAsync("apply", playbook, "-i", fx.Inventory)).ExitCode.ShouldBe(2);
    }
}
