namespace Provisioner.LabTests.ModulesMail;

/// <summary>
/// apt installs never bring a service up (Fedora's rule, on Debian through a temporary policy-rc.d),
/// so check mode can forecast a unit that a planned install will provide — here a "stopped" unit,
/// which the old "assume it changes" rule got wrong — and apply does exactly what check said.
/// </summary>
public sealed class PackageServicesLabTests(PackageServicesLabFixture fx) : IClassFixture<PackageServicesLabFixture>
{
    private const string Policy = "/usr/sbin/policy-rc.d";

    private const string StaysStopped = """
            - name: dovecot installed
              package: { name: dovecot-core }
            - name: dovecot enabled, stopped until configured
              service: { name: dovecot, state: stopped, enabled: true }

        """;

    /// <summary>Both tests share the host: each starts from Dovecot not installed and no policy-rc.d.</summary>
    private void Purge() =>
        fx.Lab.Run($"rm -f {Policy}; apt-get -y -q purge dovecot-core >/dev/null 2>&1; systemctl show -p LoadState --value dovecot").ShouldBe("not-found");

    [Fact]
    public async Task A_fresh_install_leaves_the_service_stopped_and_check_forecasts_it_exactly()
    {
        Purge();

        var check = await fx.RunAsync("check", StaysStopped);
        check.ExitCode.ShouldBe(2, check.ToString());
        check.Tasks("failed").ShouldBeEmpty(check.ToString());
        check.Tasks("changed").ShouldBe(["dovecot installed"], check.ToString());

        var apply = await fx.RunAsync("apply", StaysStopped);
        apply.ExitCode.ShouldBe(2, apply.ToString());
        apply.Tasks("changed").ShouldBe(check.Tasks("changed"), apply.ToString());
        fx.Lab.Run("systemctl is-active dovecot || true").ShouldBe("inactive");
        fx.Lab.Run("systemctl is-enabled dovecot").ShouldBe("enabled");
        fx.Lab.Run($"test -e {Policy} && echo left || echo gone").ShouldBe("gone");

        // A unit that must run: check says it will start it, and apply does.
        var started = StaysStopped.Replace("state: stopped", "state: started");
        Purge();
        var check2 = await fx.RunAsync("check", started);
        check2.Tasks("changed").ShouldBe(["dovecot installed", "dovecot enabled, stopped until configured"], check2.ToString());
        var apply2 = await fx.RunAsync("apply", started);
        apply2.Tasks("changed").ShouldBe(check2.Tasks("changed"), apply2.ToString());
        fx.Lab.Run("systemctl is-active dovecot").ShouldBe("active");
    }

    [Fact]
    public async Task An_admins_policy_is_kept_a_stale_one_of_ours_is_removed_and_start_services_restores_debians_default()
    {
        const string Pop3d = """
                - name: pop3d installed
                  package: { name: dovecot-pop3d, start_services: true }

            """;
        Purge();

        // start_services: Debian's own behaviour, the package starts dovecot.
        var apply = await fx.RunAsync("apply", Pop3d);
        apply.ExitCode.ShouldBe(2, apply.ToString());
        fx.Lab.Run("systemctl is-active dovecot").ShouldBe("active");

        // An admin's policy-rc.d governs the install and stays as it was.
        Purge();
        fx.Lab.Run($"printf '#!/bin/sh\\nexit 0\\n' > {Policy}; chmod 755 {Policy}; echo ok").ShouldBe("ok");
        var sum = fx.Lab.Run($"sha256sum {Policy}");
        var own = await fx.RunAsync("apply", StaysStopped.Replace("state: stopped, ", ""));
        own.ExitCode.ShouldBe(2, own.ToString());
        fx.Lab.Run($"sha256sum {Policy}").ShouldBe(sum);
        fx.Lab.Run("systemctl is-active dovecot").ShouldBe("active"); // the admin's policy allowed the start

        // A copy of ours left by a killed run is replaced and removed like a fresh one.
        Purge();
        fx.Lab.Run($"printf '#!/bin/sh\\n{Provisioner.Modules.Packages.AptInstall.Marker}\\nexit 101\\n' > {Policy}; chmod 755 {Policy}; echo ok").ShouldBe("ok");
        var stale = await fx.RunAsync("apply", StaysStopped);
        stale.ExitCode.ShouldBe(2, stale.ToString());
        fx.Lab.Run($"test -e {Policy} && echo left || echo gone").ShouldBe("gone");
        fx.Lab.Run("systemctl is-active dovecot || true").ShouldBe("inactive");
    }
}

public sealed class PackageServicesLabFixture() : MailLabFixture("t-pkg");
