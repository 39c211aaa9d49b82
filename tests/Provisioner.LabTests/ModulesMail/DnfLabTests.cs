using Provisioner.LabTests.Execution;
using Provisioner.LabTests.Lab;

namespace Provisioner.LabTests.ModulesMail;

/// <summary>
/// The dnf package manager for real, on Debian (dnf 4 on trixie, dnf5 as `dnf` on forky, as on Fedora
/// 41 and later) against a local repo of tiny noarch RPMs built in the instance: install → no change →
/// latest upgrades to v2 → absent removes, check predicting each, and a stage whose probe fails takes
/// its dnf install back (the journal's rpm list, what a Fedora host's rollback runs).
/// </summary>
/// <param name="dnfPackage">The Debian package that brings `dnf` (on forky the lab links dnf to dnf5).</param>
/// <param name="dnfVersion">How `dnf --version` starts: the dnf under test really is that one.</param>
public abstract class DnfLabTests(MailLabFixture fx, string dnfPackage, string dnfVersion)
{
    private const string Repo = "/srv/provtest-repo";

    private static string Dnf(string name, string state = "present") => $$"""
            - name: {{name}} {{state}}
              dnf: { name: {{name}}, state: {{state}} }

        """;

    private string Rpm(string name) => fx.Lab.Run($"rpm -q --qf '%{{VERSION}}-%{{RELEASE}}' {name} || true");

    /// <summary>Builds NAME-VERSION-1.noarch.rpm (one file under /usr/share/provtest/) into the repo and refreshes its metadata.</summary>
    private void Publish(string name, string version) => fx.Lab.Run($$"""
        set -e
        cat > /tmp/{{name}}-{{version}}.spec <<'SPEC'
        Name: {{name}}
        Version: {{version}}
        Release: 1
        Summary: provision lab test package
        License: MIT
        BuildArch: noarch
        %description
        Test package for the provision dnf lab test.
        %install
        mkdir -p %{buildroot}/usr/share/provtest
        echo '{{name}} {{version}}' > %{buildroot}/usr/share/provtest/{{name}}
        %files
        /usr/share/provtest/{{name}}
        SPEC
        mkdir -p {{Repo}}
        rpmbuild --quiet -bb --define '_topdir /tmp/rpmbuild' --define '_rpmdir {{Repo}}' /tmp/{{name}}-{{version}}.spec 2>/dev/null
        createrepo_c -q --update {{Repo}}
        """);

    private string RpmNames() => fx.Lab.Run("rpm -qa --qf '%{NAME}\\n' | sort");

    private async Task Converges(string tasks, Action after)
    {
        var check = await fx.RunAsync("check", tasks);
        check.ExitCode.ShouldBe(2, check.ToString());
        var apply = await fx.RunAsync("apply", tasks);
        apply.ExitCode.ShouldBe(2, apply.ToString());
        apply.Tasks("changed").ShouldBe(check.Tasks("changed"));
        after();
        var again = await fx.RunAsync("apply", tasks);
        again.ExitCode.ShouldBe(0, again.ToString());
        (await fx.RunAsync("check", tasks)).ExitCode.ShouldBe(0);
    }

    /// <summary>Applies the task in a stage whose probe always fails: the stage rolls back.</summary>
    private async Task<CliRun> FailingStage(string task)
    {
        var playbook = Path.Combine(Path.GetTempPath(), $"dnf-failing-{Guid.NewGuid():N}.yml");
        await File.WriteAllTextAsync(playbook, $$"""
            - hosts: all
              stages:
                - name: failing
                  tasks:
            {{string.Join('\n', task.Split('\n').Select(l => l.Length == 0 ? l : "        " + l))}}
                  verify:
                    - name: a probe that never passes
                      command: { cmd: "test -e /usr/share/provtest/never" }
            """);
        try
        {
            var failed = await ProvisionCli.RunAsync("apply", playbook, "-i", fx.Inventory);
            failed.ExitCode.ShouldBe(1, failed.ToString());
            return failed;
        }
        finally { File.Delete(playbook); }
    }

    private static string StageMessage(CliRun run) =>
        run.Report!.RootElement.GetProperty("hosts")[0].GetProperty("stages")[0].GetProperty("message").GetString()!;

    [LabFact]
    public async Task Install_latest_absent_converge_and_a_failed_stage_takes_its_install_back()
    {
        var tools = await fx.RunAsync("apply", $$"""
                - name: rpm tooling
                  package: { name: [{{dnfPackage}}, rpm, createrepo-c] }

            """);
        tools.ExitCode.ShouldBe(2, tools.ToString());
        fx.Lab.Run("dnf --version | head -n 1").ShouldStartWith(dnfVersion);
        Publish("provtest-a", "1.0");
        Publish("provtest-b", "1.0");
        fx.Lab.Run($"mkdir -p /etc/yum.repos.d; printf '[provtest]\\nname=provtest\\nbaseurl=file://{Repo}\\ngpgcheck=0\\n' > /etc/yum.repos.d/provtest.repo");

        await Converges(Dnf("provtest-a"), () => Rpm("provtest-a").ShouldBe("1.0-1"));
        fx.Lab.Run("cat /usr/share/provtest/provtest-a").ShouldBe("provtest-a 1.0");

        Publish("provtest-a", "2.0");
        // An upgrade in a stage that fails is taken back: the journal kept the version.
        var upgraded = await FailingStage(Dnf("provtest-a", "latest"));
        StageMessage(upgraded).ShouldContain("package back at its version: provtest-a 1.0-1", Case.Sensitive, upgraded.ToString());
        StageMessage(upgraded).ShouldNotContain("EXCEPT");
        Rpm("provtest-a").ShouldBe("1.0-1");
        await Converges(Dnf("provtest-a", "latest"), () => Rpm("provtest-a").ShouldBe("2.0-1"));

        // A removal in a stage that fails is taken back: the package comes back at its version.
        await FailingStage(Dnf("provtest-a", "absent"));
        Rpm("provtest-a").ShouldBe("2.0-1");

        // An upgrade the repository can no longer take back is said, not claimed as undone. With dnf 4
        // only: dnf5 on forky still brought provtest-a 2.0-1 back after its file was removed, the
        // metadata made anew and every dnf cache deleted (its undo then truly reports the version
        // back; CI run 1 of 2026-12-07 passed it); where dnf5 finds it is not yet known, so it is not asserted there.
        if (dnfPackage != "dnf5")
        {
            Publish("provtest-a", "3.0");
            // Metadata made anew (not --update) and every cache of dnf 4 and dnf5 gone: dnf5 on forky still
            // offered 2.0-1 after an --update and a clean all.
            fx.Lab.Run($"rm {Repo}/noarch/provtest-a-2.0-1.noarch.rpm && rm -rf {Repo}/repodata && createrepo_c -q {Repo} && dnf -q clean all >/dev/null 2>&1; rm -rf /var/cache/libdnf5 /var/cache/dnf; echo ok").ShouldBe("ok");
            var kept = await FailingStage(Dnf("provtest-a", "latest"));
            StageMessage(kept).ShouldContain("EXCEPT what cannot be undone: provtest-a 3.0-1 (cannot be undone: the repository no longer offers provtest-a 2.0-1)", Case.Sensitive, kept.ToString());
            kept.Report!.RootElement.GetProperty("hosts")[0].GetProperty("stages")[0].GetProperty("not_undone").GetArrayLength().ShouldBe(1);
            Rpm("provtest-a").ShouldBe("3.0-1");
        }

        // A stage that installs with dnf and then fails its probe leaves the rpm database as it was.
        var before = RpmNames();
        var playbook = Path.Combine(Path.GetTempPath(), $"dnf-rollback-{Guid.NewGuid():N}.yml");
        await File.WriteAllTextAsync(playbook, """
            - hosts: all
              stages:
                - name: provtest-b
                  tasks:
                    - name: provtest-b present
                      dnf: { name: provtest-b }
                  verify:
                    - name: provtest-b answers (it never does)
                      command: { cmd: "test -e /usr/share/provtest/never" }
            """);
        try
        {
            var failed = await ProvisionCli.RunAsync("apply", playbook, "-i", fx.Inventory);
            failed.ExitCode.ShouldBe(1, failed.ToString());
            failed.StdErr.ShouldContain("rolled back");
        }
        finally { File.Delete(playbook); }
        RpmNames().ShouldBe(before);
        Rpm("provtest-b").ShouldContain("not installed");
        Rpm("provtest-a").ShouldBe(dnfPackage == "dnf5" ? "2.0-1" : "3.0-1"); // installed before the stage: kept
        (await fx.RunAsync("check", Dnf("provtest-b"))).ExitCode.ShouldBe(2);

        await Converges(Dnf("provtest-a", "absent"), () => Rpm("provtest-a").ShouldContain("not installed"));
        fx.Lab.Run("test ! -e /usr/share/provtest/provtest-a && echo gone").ShouldBe("gone");
    }
}

public sealed class DnfTrixieLabTests(DnfLabFixture fx) : DnfLabTests(fx, "dnf", "4."), IClassFixture<DnfLabFixture>;

[LabFlavor("forky")]
public sealed class DnfForkyLabTests(Dnf5LabFixture fx) : DnfLabTests(fx, "dnf5", "dnf5 version 5."), IClassFixture<Dnf5LabFixture>;
