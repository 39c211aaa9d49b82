using System.Text.Json;
using Provisioner.LabTests.Execution;

namespace Provisioner.LabTests.Mail;

/// <summary>
/// playbooks/site.yml on real hosts, stage by stage: before each stage its probes must FAIL (so
/// they really test something), after it they must pass; then a re-apply changes nothing, check
/// finds no drift, and deleting one artifact of every stage is detected and repaired exactly.
/// </summary>
public abstract class SiteLabTests(MailLabFixture fx)
{
    private const string Site = "playbooks/site.yml";

    [Fact]
    public async Task Eight_stages_each_proven_by_probes_that_fail_without_it()
    {
        // The peer MX for stage 5: the same playbook's first four stages on its own domain.
        var peer = await fx.Provision("apply", Site, "--limit", fx.Peer.Name, "--stage", "1-4");
        peer.ExitCode.ShouldBe(2, peer.ToString());

        var mail = fx.Mail.Name;
        for (var stage = 1; stage <= 8; stage++)
        {
            var n = stage.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var before = await fx.Provision("verify", Site, "--limit", mail, "--stage", n, "-e", fx.TransportRoutes);
            before.ExitCode.ShouldBe(1, $"stage {stage} probes passed before the stage was applied:\n{before}");

            var apply = await fx.Provision("apply", Site, "--limit", mail, "--stage", n, "-e", fx.TransportRoutes);
            apply.ExitCode.ShouldBe(2, $"stage {stage}:\n{apply}");
            var probes = Probes(apply);
            probes.ShouldNotBeEmpty($"stage {stage} ran no probe");
            probes.ShouldAllBe(p => p.Passed, $"stage {stage}:\n{apply}");
        }

        var again = await fx.Provision("apply", Site, "--limit", mail, "-e", fx.TransportRoutes);
        again.ExitCode.ShouldBe(0, again.ToString());
        again.Tasks("changed").ShouldBeEmpty();
        var check = await fx.Provision("check", Site, "--limit", mail, "-e", fx.TransportRoutes);
        check.ExitCode.ShouldBe(0, check.ToString());
        var health = await fx.Provision("verify", Site, "--limit", mail, "-e", fx.TransportRoutes);
        health.ExitCode.ShouldBe(0, health.ToString());
        Probes(health).Count.ShouldBeGreaterThan(30);

        // Stage 5 for real: the peer received the probe mail, and the sender logged TLS.
        fx.Peer.Run("grep -rl 'client TLS probe' /home/owner/Maildir/new | wc -l").ShouldNotBe("0");

        await Drift_in_every_stage_is_found_and_repaired_exactly(mail);
    }

    private async Task Drift_in_every_stage_is_found_and_repaired_exactly(string mail)
    {
        fx.Mail.Run(string.Join("; ", [
            "postconf -X smtpd_banner",                                                             // 1
            "firewall-cmd -q --zone=internal --remove-service=pop3",                                 // 2 (runtime)
            "firewall-cmd -q --permanent --zone=internal --remove-service=pop3",                     // 2 (permanent)
            "rm /etc/letsencrypt/renewal-hooks/deploy/50-mail-reload",                               // 3
            "postconf -X smtpd_tls_auth_only",                                                       // 4
            "postconf -X smtp_tls_loglevel",                                                         // 5
            "rm /etc/dovecot/provision.d/60-auth.conf",                                              // 6
            "rm /home/owner/sieve/forward.sieve",                                                    // 7
            "echo '192.0.2.0/24 OK' >> /etc/postfix/client_access.cidr",                             // 8
            "echo drifted"]));
        string[] expected = [
            "main.cf for receiving and sending on 25",
            "POP3 (110) open in the LAN zone only",
            "certificate valid, deploy hook reloads mail services, renew timer on",
            "smtpd_tls_* (Postfix receiving)",
            "smtp_tls_* (Postfix sending)",
            "Dovecot auth socket for Postfix",
            "keep and forward a copy",
            "client access table (allowlist first)"];

        var drift = await fx.Provision("check", Site, "--limit", mail, "-e", fx.TransportRoutes);
        drift.ExitCode.ShouldBe(2, drift.ToString());
        drift.Tasks("changed").ShouldBe(expected, ignoreOrder: true, drift.ToString());

        var repair = await fx.Provision("apply", Site, "--limit", mail, "-e", fx.TransportRoutes);
        repair.ExitCode.ShouldBe(2, repair.ToString());
        repair.Tasks("changed").Where(t => !Handlers.Contains(t)).ShouldBe(expected, ignoreOrder: true, repair.ToString());
        Probes(repair).ShouldAllBe(p => p.Passed, repair.ToString());

        var clean = await fx.Provision("check", Site, "--limit", mail, "-e", fx.TransportRoutes);
        clean.ExitCode.ShouldBe(0, clean.ToString());
    }

    private static readonly string[] Handlers = ["newaliases", "reload postfix", "restart dovecot", "reload dovecot"];

    private sealed record Probe(string Name, bool Passed);

    private static List<Probe> Probes(CliRun run) => run.Report is null ? [] :
        run.Report.RootElement.GetProperty("hosts").EnumerateArray()
            .SelectMany(h => h.GetProperty("stages").EnumerateArray())
            .SelectMany(s => s.GetProperty("probes").EnumerateArray())
            .Select(p => new Probe(p.GetProperty("name").GetString()!, p.GetProperty("passed").GetBoolean())).ToList();
}

public sealed class SiteTrixieLabTests(TrixieMailFixture fx) : SiteLabTests(fx), IClassFixture<TrixieMailFixture>;

public sealed class SiteBookwormLabTests(BookwormMailFixture fx) : SiteLabTests(fx), IClassFixture<BookwormMailFixture>;
