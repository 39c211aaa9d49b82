using Provisioner.LabTests.Execution;
using Provisioner.LabTests.Lab;

namespace Provisioner.LabTests.Journal;

public sealed class FaultLabFixture() : FreshLabFixture("t-faults");

/// <summary>
/// Faults other than a killed controller (tests/faults/sweep covers that one point by point): a full
/// disk under the journal and under a target, during apply and during the undo; the host rebooted
/// mid-stage; the guard timer firing while a handler runs. Each ends with the host converged or exactly
/// as before the stage (the manifest of tests/faults/manifest.sh), and the run says which. (The SSH
/// connection cut mid-stage with a second controller started is
/// GuardLabTests.A_run_whose_connection_is_cut_keeps_the_lock_and_a_second_run_never_recovers_its_live_journal.)
/// </summary>
public sealed class FaultLabTests(FaultLabFixture fx) : IClassFixture<FaultLabFixture>
{
    private const string Target = "/srv/fault";

    private static System.Text.Json.JsonElement Stage(CliRun run) => run.Report!.RootElement.GetProperty("hosts")[0].GetProperty("stages")[0];

    /// <summary>A small filesystem of its own at <paramref name="path"/> on the host, filled to the last block.</summary>
    private void MountFull(string path, string size) => fx.Lab.Run($$"""
        mkdir -p {{path}} && mount -t tmpfs -o size={{size}},mode=0755 fault-{{Path.GetFileName(path)}} {{path}} &&
        { dd if=/dev/zero of={{path}}/.fill bs=4k 2>/dev/null; true; } && echo full
        """).ShouldBe("full");

    private void Unmount(string path) => fx.Lab.Run($"umount {path} 2>/dev/null; rmdir {path} 2>/dev/null; echo ok");

    [Fact]
    public async Task A_full_disk_under_the_journal_fails_the_stage_before_any_change()
    {
        var playbook = await ProvisionCli.WritePlaybookAsync("""
            - name: journal disk full
              hosts: all
              stages:
                - name: cannot be journaled
                  tasks:
                    - name: a file
                      copy: { dest: /etc/fault-journal.conf, content: "x\n" }
            """);
        var before = LabManifest.Of(fx.Lab);
        MountFull(LabJournals.Root, "256k");
        CliRun run;
        try
        {
            run = await fx.Provision("apply", playbook);
        }
        finally
        {
            fx.Lab.Run($"umount {LabJournals.Root}; echo ok");
        }

        run.ExitCode.ShouldBe(1, run.ToString());
        Stage(run).GetProperty("status").GetString().ShouldBe("failed", run.ToString());
        run.StdErr.ShouldContain("could not record the stage journal", Case.Sensitive, run.ToString());
        run.Tasks("changed").ShouldBeEmpty();
        LabManifest.ShouldBeSame(before, LabManifest.Of(fx.Lab), $"a stage that could not be journaled changed the host:\n{run}");
    }

    [Fact]
    public async Task A_full_disk_under_a_target_fails_the_task_and_leaves_the_file_as_it_was()
    {
        var playbook = await ProvisionCli.WritePlaybookAsync($$"""
            - name: target disk full
              hosts: all
              stages:
                - name: cannot be written
                  tasks:
                    - name: a file larger than the space left
                      copy: { dest: {{Target}}/app.conf, content: "{{new string('a', 64 * 1024)}}\n" }
            """);
        MountFull(Target, "512k");
        try
        {
            fx.Lab.Run($"rm -f {Target}/.fill; printf 'before\\n' > {Target}/app.conf; dd if=/dev/zero of={Target}/.fill bs=4k 2>/dev/null; echo ok");
            var before = LabManifest.Of(fx.Lab);

            var run = await fx.Provision("apply", playbook);

            run.ExitCode.ShouldBe(1, run.ToString());
            Stage(run).GetProperty("status").GetString().ShouldBe("rolled_back", run.ToString());
            fx.Lab.Run($"cat {Target}/app.conf").ShouldBe("before", "the file was lost or changed");
            fx.Lab.Run($"LC_ALL=C ls -A {Target}").ShouldBe(".fill\napp.conf", "a temporary or staging file was left behind");
            LabManifest.ShouldBeSame(before, LabManifest.Of(fx.Lab), run.ToString());
        }
        finally
        {
            Unmount(Target);
        }
    }

    [Fact]
    public async Task A_full_disk_during_the_undo_keeps_the_file_leaves_the_journal_incomplete_and_rollback_finishes_it()
    {
        // Task 1 shrinks the file, task 2 fills the disk (as a log could), task 3 fails: the undo must
        // stage the old, larger file beside it and cannot.
        var playbook = await ProvisionCli.WritePlaybookAsync($$"""
            - name: undo disk full
              hosts: all
              stages:
                - name: undo cannot be written
                  tasks:
                    - name: the file shrinks
                      copy: { dest: {{Target}}/app.conf, content: "after\n" }
                    - name: the disk fills up
                      command: { cmd: "dd if=/dev/zero of={{Target}}/.fill bs=4k 2>/dev/null; true" }
                    - name: a step that fails
                      command: { cmd: "false" }
            """);
        MountFull(Target, "1m");
        try
        {
            fx.Lab.Run($"rm -f {Target}/.fill; head -c 400000 /dev/zero | tr '\\0' b > {Target}/app.conf; echo ok").ShouldBe("ok");
            var digest = fx.Lab.Run($"md5sum < {Target}/app.conf");
            var before = LabManifest.Of(fx.Lab);

            var run = await fx.Provision("apply", playbook);

            run.ExitCode.ShouldBe(1, run.ToString());
            var message = Stage(run).GetProperty("message").GetString()!;
            message.ShouldContain($"ROLLBACK INCOMPLETE — not put back: could not restore {Target}/app.conf", Case.Sensitive, run.ToString());
            var id = LabJournals.Newest(fx.Lab, 1);
            message.ShouldContain($"provision rollback {playbook} --journal {id}", Case.Sensitive, run.ToString());
            fx.Lab.Run($"cat {LabJournals.Root}/{id}/state").ShouldBe("incomplete");
            fx.Lab.Run($"cat {Target}/app.conf").ShouldBe("after", "the undo that could not finish lost or damaged the current file");
            fx.Lab.Run($"LC_ALL=C ls -A {Target}").ShouldBe(".fill\napp.conf", "the undo left its staging copy behind");

            // Space again: the operator finishes the undo by the journal's id.
            fx.Lab.Run($"rm {Target}/.fill; echo ok");
            var finish = await fx.Provision("rollback", playbook, "--journal", id);
            finish.ExitCode.ShouldBe(2, finish.ToString());
            finish.StdErr.ShouldContain($"restored {Target}/app.conf", Case.Sensitive, finish.ToString());
            fx.Lab.Run($"md5sum < {Target}/app.conf").ShouldBe(digest);
            fx.Lab.Run($"cat {LabJournals.Root}/{id}/state").ShouldBe("rolled-back");
            LabManifest.ShouldBeSame(before, LabManifest.Of(fx.Lab), finish.ToString());
        }
        finally
        {
            Unmount(Target);
        }
    }

    [Fact]
    public async Task A_host_rebooted_mid_stage_is_recovered_and_converged_by_the_next_apply()
    {
        var playbook = await ProvisionCli.WritePlaybookAsync("""
            - name: reboot test
              hosts: all
              stages:
                - name: rebooted mid-stage
                  tasks:
                    - name: a file before the power cut
                      copy: { dest: /etc/fault-reboot-1.conf, content: "1\n" }
                    - name: a slow step, cut by the power
                      command: { cmd: "touch /var/tmp/fault-reboot-slow; sleep 30; touch /var/tmp/fault-reboot-done", creates: /var/tmp/fault-reboot-done }
                    - name: a file after it
                      copy: { dest: /etc/fault-reboot-2.conf, content: "2\n" }
            """);
        fx.Lab.Run("rm -f /etc/fault-reboot-*.conf /var/tmp/fault-reboot-*; echo ok").ShouldBe("ok");
        var cut = ProvisionCli.Start("apply", playbook, "-i", fx.Inventory);
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline && !cut.Process.HasExited && fx.Lab.Run("test -e /var/tmp/fault-reboot-slow && echo yes || echo no") == "no")
            await Task.Delay(200);
        cut.Process.HasExited.ShouldBeFalse("the run ended before the power cut");

        await LabInstance.RunLabCheckedAsync(TimeSpan.FromMinutes(5), "reboot", fx.Lab.Name);
        var first = await cut.Completion;
        first.ExitCode.ShouldNotBe(2, $"a stage cut by a reboot was reported applied:\n{first}");

        var next = await fx.Provision("apply", playbook);

        next.ExitCode.ShouldBe(2, $"first run:\n{first}\nnext run:\n{next}");
        // The cut run undid the stage itself after it reconnected, or left it open for this run's recovery.
        var recovered = next.Report!.RootElement.GetProperty("hosts")[0].GetProperty("recovered");
        var undoneBy = recovered.GetArrayLength() == 1 ? recovered[0].GetString()! : Stage(first).GetProperty("message").GetString()!;
        undoneBy.ShouldContain("rolled back", Case.Sensitive, $"first run:\n{first}\nnext run:\n{next}");
        fx.Lab.Run("cat /etc/fault-reboot-1.conf /etc/fault-reboot-2.conf; test -e /var/tmp/fault-reboot-done && echo done").ShouldBe("1\n2\ndone");
        var check = await fx.Provision("check", playbook);
        check.ExitCode.ShouldBe(0, check.ToString());
    }

    [Fact]
    public async Task The_guard_timer_firing_while_a_handler_runs_gives_the_host_back_exactly()
    {
        // The zone file takes effect only when firewalld restarts: the task leaves the controller in,
        // the handler locks it out, and the host's own timer must undo the stage.
        var playbook = await ProvisionCli.WritePlaybookAsync("""
            - name: handler lockout
              hosts: all
              stages:
                - name: a handler locks the controller out
                  tasks:
                    - name: the public zone without ssh, read at the next firewalld start
                      copy:
                        dest: /etc/firewalld/zones/public.xml
                        content: |
                          <?xml version="1.0" encoding="utf-8"?>
                          <zone>
                            <short>Public</short>
                            <interface name="pub0"/>
                          </zone>
                      notify: restart firewalld
                  handlers:
                    - name: restart firewalld
                      service: { name: firewalld, state: restarted }
            """);
        var before = LabManifest.Of(fx.Lab);

        var run = await fx.Provision("apply", playbook, "--firewall-guard", "15");

        run.ExitCode.ShouldBe(1, run.ToString());
        var stage = Stage(run);
        stage.GetProperty("status").GetString().ShouldBe("rolled_back", run.ToString());
        stage.GetProperty("message").GetString()!.ShouldContain("the host's guard timer restored the state before the stage", Case.Sensitive, run.ToString());
        run.Tasks("changed").ShouldContain("restart firewalld", run.ToString());
        LabManifest.ShouldBeSame(before, LabManifest.Of(fx.Lab), run.ToString());
    }
}
