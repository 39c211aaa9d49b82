using System.Diagnostics;
using Provisioner.LabTests.Execution;
using Provisioner.LabTests.Lab;

namespace Provisioner.LabTests.Journal;

/// <summary>
/// The rollback host and how far site.yml has been applied to it, stage by stage, with a snapshot of
/// the host taken before each stage was applied.
/// </summary>
public sealed class RollbackLabFixture() : FreshLabFixture("t-rollback")
{
    public int Applied { get; set; }
    public Dictionary<int, string> Before { get; } = [];
}

/// <summary>
/// Stage transactions on a real host: a real failure injected into each of the eight stages rolls
/// that stage back to a host identical to the one before it; a verified stage is undone later from
/// its journal; a controller killed mid-stage is recovered by the next run; two applies never
/// interleave; a firewall change that locks the controller out is undone by the host itself.
/// Each stage is its own test, so one stage's failure does not hide another's.
/// </summary>
[TestCaseOrderer(StepOrderer.Name, StepOrderer.Assembly)]
public sealed class RollbackLabTests(RollbackLabFixture fx) : IClassFixture<RollbackLabFixture>
{
    private const string Site = "playbooks/site.yml";

    private Task<CliRun> Provision(params string[] args) => fx.Provision(args);

    /// <summary>Everything an undo must give back exactly: see tests/faults/manifest.sh.</summary>
    private string Snapshot() => LabManifest.Of(fx.Lab);

    /// <summary>
    /// Applies the stages after the last one applied up to <paramref name="stage"/>, one at a time,
    /// each after a snapshot of the host before it. A stage whose own test failed before its good
    /// apply is applied here, so the later stages still get their test.
    /// </summary>
    private async Task AppliedThrough(int stage)
    {
        for (var s = fx.Applied + 1; s <= stage; s++)
        {
            fx.Before[s] = Snapshot();
            var run = await Provision("apply", Site, "--stage", Number(s));
            run.ExitCode.ShouldBeOneOf([0, 2], $"the host could not be brought to stage {s} for a later test:\n{run}");
            fx.Applied = s;
        }
    }

    private static string Number(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>For each stage, settings that make its own verification fail for real.</summary>
    private string[] Injection(int stage) => stage switch
    {
        1 => ["-e", "lan_cidr=0.0.0.0/0"],                                                   // mynetworks trusts the world: an open relay
        2 => ["-e", "lan_cidr=10.99.0.0/24"],                                                // LAN no longer trusted: POP3 login refused
        3 => ["-e", "cert_name=missing.example"],                                            // wrong certificate: certbot cannot issue
        4 => ["-e", "cert_name=missing.example"],                                            // wrong certificate path: no STARTTLS
        5 => ["-e", """{"system_ca_bundle": {"debian": "/etc/ssl/certs/ca-certificates.crt # x", "redhat": "x"}}"""], // refused by postfix
        6 => ["-e", "probe_password=not-the-password"],                                      // AUTH with the probe's password fails
        7 => ["-e", "probe_copy_user=ghost"],                                                // the probe's Sieve copy cannot be delivered
        _ => ["-e", $$"""{"client_reject_cidrs": ["198.18.{{fx.Lab.Host.Index}}.0/24"]}"""], // blocks the allowed client too
    };

    public static TheoryData<int> Stages => [1, 2, 3, 4, 5, 6, 7, 8];

    [Theory, Step(1)]
    [MemberData(nameof(Stages))]
    public async Task A_stage_whose_probe_fails_rolls_back_to_the_exact_state_before_it(int stage)
    {
        await AppliedThrough(stage - 1);
        var n = Number(stage);
        var before = Snapshot();
        var broken = await Provision(["apply", Site, "--stage", n, .. Injection(stage)]);
        broken.ExitCode.ShouldBe(1, broken.ToString());
        var status = broken.Report!.RootElement.GetProperty("hosts")[0].GetProperty("stages")[0];
        status.GetProperty("status").GetString().ShouldBe("rolled_back", broken.ToString());
        var message = status.GetProperty("message").GetString()!;
        message.ShouldContain("rolled back to the state before the stage");
        if (stage > 1) message.ShouldContain("verified again", Case.Sensitive, message);
        LabManifest.ShouldBeSame(before, Snapshot(), $"stage {stage} did not roll back exactly:\n{broken}");

        var good = await Provision("apply", Site, "--stage", n);
        good.ExitCode.ShouldBe(2, good.ToString());
        fx.Before[stage] = before;
        fx.Applied = stage;
    }

    [Fact, Step(2)]
    public async Task A_verified_stage_is_undone_later_from_its_journal()
    {
        await AppliedThrough(8);
        // A verified stage is undone only when the operator names its journal: --stage alone says how.
        var id = LabJournals.Newest(fx.Lab, 8);
        var asked = await Provision("rollback", Site, "--stage", "8");
        asked.ExitCode.ShouldBe(1, asked.ToString());
        asked.StdErr.ShouldContain($"provision rollback {Site} --journal {id}");
        var undo = await Provision("rollback", Site, "--journal", id);
        undo.ExitCode.ShouldBe(2, undo.ToString());
        fx.Applied = 7;
        LabManifest.ShouldBeSame(fx.Before[8], Snapshot(), undo.ToString());
    }

    [Fact, Step(3)]
    public async Task A_controller_killed_mid_stage_is_recovered_by_the_next_run()
    {
        await AppliedThrough(7);
        if (fx.Applied == 8)
        {
            // Stage 8 must have changes left for the run to be killed in the middle of them.
            var undo = await Provision("rollback", Site, "--journal", LabJournals.Newest(fx.Lab, 8));
            undo.ExitCode.ShouldBe(2, undo.ToString());
            fx.Applied = 7;
        }

        // Kill the controller right after the first change of stage 8, then run again.
        var killed = StartApply("--stage", "8");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        // Earlier stage-8 journals exist (rolled back, committed): wait for this run's open one.
        while (DateTime.UtcNow < deadline && LabJournals.Count(fx.Lab, 8, "open") == 0) await Task.Delay(50);
        killed.Process.Kill(entireProcessTree: true);
        await killed.Completion;
        LabJournals.Count(fx.Lab, 8, "open").ShouldBe(1);

        var rerun = await Provision("apply", Site);
        rerun.ExitCode.ShouldBe(2, rerun.ToString());
        fx.Applied = 8;
        var recovered = rerun.Report!.RootElement.GetProperty("hosts")[0].GetProperty("recovered");
        recovered.GetArrayLength().ShouldBe(1);
        recovered[0].GetString()!.ShouldContain("unfinished stage 8 'client-access'");
        recovered[0].GetString()!.ShouldContain("rolled back: ");
        (await Provision("check", Site)).ExitCode.ShouldBe(0);
        (await Provision("verify", Site)).ExitCode.ShouldBe(0);
    }

    [Fact]
    public async Task A_second_concurrent_apply_is_refused_with_the_lock_message()
    {
        // The first run holds its step (and so the host's lock) until the test lets it go, so the
        // second run meets the lock however slowly either program starts.
        var playbook = await ProvisionCli.WritePlaybookAsync("""
            - name: lock test
              hosts: all
              tasks:
                - name: step held until released
                  command: { cmd: "for i in $(seq 1 600); do [ -e /tmp/lock-release ] && break; sleep 0.2; done; touch /tmp/lock-proof-$(date +%s%N)" }
            """);
        fx.Lab.Run("rm -f /tmp/lock-release /tmp/lock-proof-*; echo ok").ShouldBe("ok");
        var first = StartApply(playbook);
        // The lock's owner file names a live holder while a run holds it.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        string Lock() => fx.Lab.Run("p=$(sed -n 2p /var/lib/provision/lock.owner 2>/dev/null); [ -n \"$p\" ] && kill -0 \"$p\" 2>/dev/null && echo held || echo free");
        while (Lock() != "held" && DateTime.UtcNow < deadline)
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        Lock().ShouldBe("held", "the first run never took the host's run lock");
        var second = await ProvisionCli.RunAsync("apply", playbook, "-i", fx.Inventory);
        fx.Lab.Run("touch /tmp/lock-release; echo released").ShouldBe("released");
        var firstRun = await first.Completion;
        second.ExitCode.ShouldBe(1, second.ToString());
        second.StdErr.ShouldContain("another provision run holds the lock on this host");
        firstRun.ExitCode.ShouldBe(2, firstRun.ToString());
        fx.Lab.Run("ls /tmp/lock-proof-* | wc -l").ShouldBe("1");
    }

    [Fact]
    public async Task A_firewall_change_that_locks_the_controller_out_is_undone_by_the_host()
    {
        var playbook = await ProvisionCli.WritePlaybookAsync($$"""
            - name: lockout test
              hosts: all
              stages:
                - name: lock myself out
                  tasks:
                    - name: new connections from the controller rejected (a rule the access guard cannot judge)
                      firewalld: { zone: public, rich_rule: "rule family=ipv4 source address={{fx.Lab.Host.HostPubAddress}} port port=22 protocol=tcp reject" }
            """);
        var run = await ProvisionCli.RunAsync("apply", playbook, "-i", fx.Inventory, "--firewall-guard", "20");
        run.ExitCode.ShouldBe(1, run.ToString());
        run.StdErr.ShouldContain("guard timer restored the state before the stage");
        fx.Lab.Run("firewall-cmd --zone=public --list-rich-rules; firewall-cmd --permanent --zone=public --list-rich-rules; echo none").ShouldBe("none");
    }

    [Fact]
    public async Task Ctrl_c_lets_the_step_finish_rolls_the_stage_back_and_starts_no_other()
    {
        var playbook = await ProvisionCli.WritePlaybookAsync("""
            - name: stop test
              hosts: all
              stages:
                - name: interrupted
                  tasks:
                    - name: a file
                      copy: { dest: /etc/stop-test-file, content: "x\n" }
                    - name: slow step
                      command: { cmd: "touch /tmp/stop-test-slow-started; sleep 10; touch /tmp/stop-test-slow-done" }
                    - name: never reached
                      copy: { dest: /etc/stop-test-never, content: "x\n" }
                - name: later
                  tasks:
                    - name: later file
                      copy: { dest: /etc/stop-test-later, content: "x\n" }
            """);
        fx.Lab.Run("rm -f /etc/stop-test-* /tmp/stop-test-*; echo ok").ShouldBe("ok");
        var run = StartApply(playbook);
        // Signal while the slow step runs (it has started, so the stop comes before the next task,
        // whatever the machine's load), before the command has finished.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && fx.Lab.Run("test -e /tmp/stop-test-slow-started && echo yes || echo no") == "no" && !run.Process.HasExited) await Task.Delay(100);
        run.Process.HasExited.ShouldBeFalse($"the run ended before its slow step:\n{(run.Process.HasExited ? await run.Completion : null)}");
        run.Interrupt();
        var result = await run.Completion;

        result.ExitCode.ShouldBe(1, result.ToString());
        result.StdErr.ShouldContain("provision: stopping");
        result.StdErr.ShouldContain("stopped by the user before task 'never reached'; rolled back to the state before the stage", Case.Sensitive, result.ToString());
        result.Tasks("changed").ShouldBe(["a file", "slow step"]); // the step in progress was let finish
        fx.Lab.Run("test -e /tmp/stop-test-slow-done && echo finished").ShouldBe("finished");
        fx.Lab.Run("ls /etc/stop-test-* 2>/dev/null | wc -l").ShouldBe("0"); // its file undone, nothing later done
        var stage = result.Report!.RootElement.GetProperty("hosts")[0].GetProperty("stages");
        stage.GetArrayLength().ShouldBe(1);
        stage[0].GetProperty("status").GetString().ShouldBe("rolled_back");
    }

    private RunningCli StartApply(params string[] args) =>
        ProvisionCli.Start(["apply", .. args[0].EndsWith(".yml", StringComparison.Ordinal) ? args : [Site, .. args], "-i", fx.Inventory]);
}
