using System.Text.Json;
using Provisioner.LabTests.Execution;
using Provisioner.LabTests.Lab;

namespace Provisioner.LabTests.Mail;

/// <summary>
/// playbooks/site.yml on real hosts, stage by stage: before each stage its probes must FAIL (so
/// they really test something) — all but the few that guard what must never open, which are shown
/// failing against that fault instead — after it they must pass; then a re-apply changes nothing,
/// check finds no drift, and deleting one artifact of every stage is detected and repaired exactly.
/// </summary>
public abstract class SiteLabTests(MailLabFixture fx)
{
    private const string Site = "playbooks/site.yml";

    [LabFact]
    public async Task Eight_stages_each_proven_by_probes_that_fail_without_it()
    {
        // The peer MX for stage 5: the same playbook's first four stages on its own domain.
        var peer = await fx.Provision("apply", Site, "--limit", fx.Peer.Name, "--stage", "1-4");
        peer.ExitCode.ShouldBe(2, peer.ToString());

        var mail = fx.Mail.Name;
        // Check on the fresh host predicts every change without failing (later steps that depend on
        // earlier ones say what they assume); the applies below must then change exactly that set,
        // task by task and handler by handler.
        var predicted = await fx.Provision("check", Site, "--limit", mail, "--diff", "-e", fx.TransportRoutes);
        predicted.ExitCode.ShouldBe(2, predicted.ToString());
        predicted.Tasks("failed").ShouldBeEmpty(predicted.ToString());
        // What rests on an earlier step says so: a unit the package will provide (forecast as installed,
        // stopped), a template that reads the Dovecot version the install will bring, a directory owned
        // by a user stage 1 creates.
        predicted.AssumesOf("dovecot running at boot").ShouldBe("step 2.1 'dovecot installed' (package)");
        predicted.AssumesOf("dovecot.conf owned whole (syntax for the installed Dovecot, 2.3 or 2.4)").ShouldBe("step 2.1 'dovecot installed' (package)");
        predicted.AssumesOf("smtpd_tls_* (Postfix receiving)").ShouldBe("step 1.1 'postfix installed' (package)");
        predicted.AssumesOf("the sieve directories (the user's and the probe mailbox's)").ShouldBe("step 1.4 'the probes' own mailbox (probes never touch a real user's mail)'");
        predicted.AssumesOf("aliases (postmaster and root reach the owner)").ShouldBeNull();
        var applied = new List<string>();
        CliRun? halfway = null;
        var appliedAfterHalfway = new List<string>();
        for (var stage = 1; stage <= 8; stage++)
        {
            var n = stage.ToString(System.Globalization.CultureInfo.InvariantCulture);
            // Half-built host (stages 1-4 done): check of the rest must be exact too.
            if (stage == 5) halfway = await fx.Provision("check", Site, "--limit", mail, "--stage", "5-8", "-e", fx.TransportRoutes);
            var before = await fx.Provision("verify", Site, "--limit", mail, "--stage", n, "-e", fx.TransportRoutes);
            before.ExitCode.ShouldBe(1, $"stage {stage} probes passed before the stage was applied:\n{before}");
            Probes(before).Where(p => p.Passed).Select(p => p.Name).ShouldBe([.. HoldBeforeTheirStage.GetValueOrDefault(stage, []), .. DistributionDefaults(stage)],
                $"stage {stage}: only the guard probes (and what the distribution already does) may pass before the stage:\n{before}");

            var apply = await fx.Provision("apply", Site, "--limit", mail, "--stage", n, "-e", fx.TransportRoutes);
            apply.ExitCode.ShouldBe(2, $"stage {stage}:\n{apply}");
            var probes = Probes(apply);
            probes.ShouldNotBeEmpty($"stage {stage} ran no probe");
            probes.ShouldAllBe(p => p.Passed, $"stage {stage}:\n{apply}");
            applied.AddRange(apply.Steps("changed"));
            if (stage >= 5) appliedAfterHalfway.AddRange(apply.Steps("changed"));
        }
        string.Join("\n", applied.Order(StringComparer.Ordinal)).ShouldBe(string.Join("\n", predicted.Steps("changed")),
            $"check on the fresh host predicted:\n{predicted}");
        halfway!.ExitCode.ShouldBe(2, halfway.ToString());
        string.Join("\n", appliedAfterHalfway.Order(StringComparer.Ordinal)).ShouldBe(string.Join("\n", halfway.Steps("changed")),
            $"check after stage 4 predicted:\n{halfway}");

        // Even the content: check rendered the Dovecot files for the version apt was going to install
        // (2.3 on bookworm, 2.4 on trixie), byte for byte what apply wrote.
        foreach (var file in new[] { "/etc/dovecot/dovecot.conf", "/etc/dovecot/provision.d/30-pop3s.conf", "/etc/dovecot/provision.d/70-sieve.conf" })
            PredictedContent(predicted, file).ShouldBe(fx.Mail.Run($"cat {file}"), $"check's diff for {file}:\n{predicted}");

        var again = await fx.Provision("apply", Site, "--limit", mail, "-e", fx.TransportRoutes);
        again.ExitCode.ShouldBe(0, again.ToString());
        again.Tasks("changed").ShouldBeEmpty();
        var check = await fx.Provision("check", Site, "--limit", mail, "-e", fx.TransportRoutes);
        check.ExitCode.ShouldBe(0, check.ToString());
        var health = await fx.Provision("verify", Site, "--limit", mail, "-e", fx.TransportRoutes);
        health.ExitCode.ShouldBe(0, health.ToString());
        Probes(health).Count.ShouldBeGreaterThan(30);
        await Verify_leaves_every_real_mailbox_untouched(mail);
        await A_letter_to_the_owner_is_kept_and_its_copy_reaches_the_external_forward_address();

        // Stage 5 for real: the peer received the probe mail, and the sender logged TLS.
        fx.Peer.Run("grep -rl 'client TLS probe' /home/owner/Maildir/new | wc -l").ShouldNotBe("0");

        await Drift_in_every_stage_is_found_and_repaired_exactly(mail);
        await Guard_probes_catch_what_they_guard_against(mail);
    }

    /// <summary>Probes that hold before their stage as well: they guard against something being open that must not be.</summary>
    /// <summary>
    /// Probes that hold before their stage because the installed distribution already does what they
    /// check: Postfix 3.11 at compatibility level 3.11 (forky's, Fedora 44's) sends opportunistic TLS
    /// by default. Asked of the host, so a flavor where it does not hold still expects the failure.
    /// </summary>
    private string[] DistributionDefaults(int stage) =>
        stage == 5 && fx.Mail.Run("postconf -xh smtp_tls_security_level") == "may" ? ["outgoing TLS is opportunistic"] : [];

    private static readonly Dictionary<int, string[]> HoldBeforeTheirStage = new()
    {
        [2] = ["110 closed on the global NIC"],
        [4] = ["postfix accepts its configuration", "465 is not open"],
        [6] = ["no AUTH on 25, even after STARTTLS", "unauthenticated relay still refused on 25"],
        [8] = ["an allowed client may send"],
    };

    /// <summary>Each guard probe, shown failing against the fault it is for, on the converged host (put back after each).</summary>
    private async Task Guard_probes_catch_what_they_guard_against(string mail)
    {
        (int Stage, string Probe, string Fault)[] faults =
        [
            (2, "110 closed on the global NIC", "firewall-cmd -q --zone=public --add-service=pop3"),
            // (master.cf, not main.cf: a broken main.cf would also stop every new smtpd the other probes talk to.)
            (4, "postfix accepts its configuration", "rm /etc/postfix/master.cf"),
            (4, "465 is not open", "postconf -M 'smtps/inet=smtps inet n - y - - smtpd' && firewall-cmd -q --zone=public --add-service=smtps && postfix reload"),
            (6, "no AUTH on 25, even after STARTTLS", "postconf -e smtpd_sasl_auth_enable=yes && postfix reload"),
            (6, "unauthenticated relay still refused on 25", "postconf -e 'mynetworks = 0.0.0.0/0' && postfix reload"),
            (8, "an allowed client may send", "postconf -e 'smtpd_client_restrictions = reject' && postfix reload"),
        ];
        faults.Select(f => f.Probe).Order().ShouldBe(HoldBeforeTheirStage.Values.SelectMany(p => p).Order());
        foreach (var (stage, probe, fault) in faults)
        {
            fx.Mail.Run($"cp -a /etc/postfix/main.cf /etc/postfix/master.cf /root/ && {fault} && echo faulted").ShouldBe("faulted");
            var n = stage.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var verify = await fx.Provision("verify", Site, "--limit", mail, "--stage", n, "-e", fx.TransportRoutes);
            fx.Mail.Run("cp -a /root/main.cf /root/master.cf /etc/postfix/ && postfix reload 2>/dev/null; firewall-cmd -q --reload && echo restored").ShouldBe("restored");
            verify.ExitCode.ShouldBe(1, $"'{fault}':\n{verify}");
            Probes(verify).ShouldContain(p => p.Name == probe && !p.Passed, $"'{fault}' did not fail '{probe}':\n{verify}");
        }
        var healthy = await fx.Provision("verify", Site, "--limit", mail, "-e", fx.TransportRoutes);
        healthy.ExitCode.ShouldBe(0, healthy.ToString());
    }

    private async Task Drift_in_every_stage_is_found_and_repaired_exactly(string mail)
    {
        // Round 1: one artifact of every stage deleted.
        await DriftRound(mail,
        [
            ("postconf -X smtpd_banner", "main.cf for receiving and sending on 25"),
            ("firewall-cmd -q --zone=internal --remove-service=pop3; firewall-cmd -q --permanent --zone=internal --remove-service=pop3", "POP3 (110) open in the LAN zone only"),
            ("rm /etc/letsencrypt/renewal-hooks/deploy/50-mail-reload", "certificate valid, deploy hook reloads mail services, renew timer on"),
            ("postconf -X smtpd_tls_auth_only", "smtpd_tls_* (Postfix receiving)"),
            ("postconf -X smtp_tls_loglevel", "smtp_tls_* (Postfix sending)"),
            ("rm /etc/dovecot/provision.d/60-auth.conf", "Dovecot auth socket for Postfix"),
            ("rm /home/owner/sieve/forward.sieve", "keep and forward a copy"),
            ("echo '192.0.2.0/24 OK' >> /etc/postfix/client_access.cidr", "client access table (allowlist first)"),
        ]);
        // Round 2: other kinds of drift — modes, owners, units, runtime-only firewall, master.cf, users —
        // and one change the playbook does not own (a main.cf parameter it never sets): no drift.
        await DriftRound(mail,
        [
            ("chmod 0600 /etc/dovecot/dovecot.conf", "dovecot.conf owned whole (syntax for the installed Dovecot, 2.3 or 2.4)"),
            // (Not "stop dovecot": once stage 7 routes delivery through Dovecot LMTP, stage 1's delivery
            // probe would fail before stage 2 restarts it — a cross-stage dependency the README notes.)
            ("systemctl -q disable dovecot", "dovecot running at boot"),
            ("systemctl -q disable postfix", "postfix running at boot"),
            ("firewall-cmd -q --zone=public --remove-service=smtp", "global NIC in zone public, SMTP open"),
            ("firewall-cmd -q --permanent --zone=public --remove-service=smtp-submission", "submission (587) open on both NICs"),
            ("rm /etc/dovecot/provision.d/30-pop3s.conf", "POP3S settings"),
            ("postconf -MX submission/inet", "submission (587) for clients with TLS required; 465 stays off"),
            // The aliases task owns its entries only: another line is not drift, a changed entry is.
            ("echo 'stray: root' >> /etc/aliases; sed -i 's/^root:.*/root: nobody/' /etc/aliases", "aliases (postmaster and root reach the owner; the distribution's other entries stay)"),
            ("rm /home/owner/.dovecot.sieve", "the active scripts"),
            ("systemctl -q disable certbot.timer", "certificate valid, deploy hook reloads mail services, renew timer on"),
            ("usermod -s /bin/bash archive", "mail users with a Maildir"),
            ("chown root /home/owner/sieve/forward.sieve", "keep and forward a copy"),
            ("postconf -e 'delay_warning_time = 4h'", null),
        ],
        // Removing submission/inet also drops the -o option stage 6 owns.
        also: ["SASL on for submission (587)"]);
    }

    /// <summary>
    /// Probes use a mailbox of their own and delete exactly what they sent: ordinary mail in every real
    /// mailbox — one message even quoting the probes' subjects — is left byte for byte, with its
    /// times, and still new (a POP3 login as the user would have moved it to cur/).
    /// </summary>
    private async Task Verify_leaves_every_real_mailbox_untouched(string mail)
    {
        const string Seed = """
            for u in owner archive; do
              install -d -o "$u" -g "$u" -m 0700 /home/$u/Maildir /home/$u/Maildir/new /home/$u/Maildir/cur /home/$u/Maildir/tmp
              for n in 1 2 3; do
                f=/home/$u/Maildir/new/1700000000.M${n}P1.ordinary
                printf 'From: friend@example.org\nTo: %s\nSubject: ordinary %s\n\nHello. provision stage 1 probe, provision sieve probe, provision mail probe, provision-tls.\n' "$u" "$n" > "$f"
                chown "$u:$u" "$f"; chmod 600 "$f"
              done
            done
            ls /home/owner/Maildir/new /home/archive/Maildir/new | grep -c ordinary
            """;
        const string Mailboxes = "find /home/owner /home/archive -printf '%p %y %m %u %g %s %T@\\n' | sort; find /home/owner /home/archive -type f -exec sha256sum {} + | sort";
        fx.Mail.Run(Seed).ShouldBe("6");
        var before = fx.Mail.Run(Mailboxes);
        var verify = await fx.Provision("verify", Site, "--limit", mail, "-e", fx.TransportRoutes);
        verify.ExitCode.ShouldBe(0, verify.ToString());
        fx.Mail.Run(Mailboxes).ShouldBe(before, "provision verify changed a real user's mailbox");
        fx.Mail.Run("ls /home/owner/Maildir/new /home/archive/Maildir/new | grep -c ordinary").ShouldBe("6");
    }

    /// <summary>
    /// Stage 7 with a real forward address: the owner's copy leaves for another server (the peer MX,
    /// reached over SMTP) while the original stays in the owner's Maildir.
    /// </summary>
    private async Task A_letter_to_the_owner_is_kept_and_its_copy_reaches_the_external_forward_address()
    {
        var token = $"forward-check-{Guid.NewGuid():N}";
        fx.Mail.Run($"printf 'Subject: {token}\n\nfor the owner\n' | sendmail -f friend@example.org owner@{fx.Mail.Host.Domain} && echo sent").ShouldBe("sent");
        // Kept means delivered and unread: in new/, or in cur/ without the Seen flag (Dovecot 2.4.5
        // saves with a $HasNoAttachment keyword, and a message with keywords goes to cur/).
        string Count(Lab.LabInstance host) => host.Run(
            $"grep -rl '{token}' /home/owner/Maildir/new /home/owner/Maildir/cur 2>/dev/null | grep -v -E ':2,[^/]*S[^/]*$' | wc -l");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && (Count(fx.Mail) == "0" || Count(fx.Peer) == "0")) await Task.Delay(500);
        Count(fx.Mail).ShouldBe("1", "the original was not kept");
        Count(fx.Peer).ShouldBe("1", $"the copy did not reach {fx.ForwardTo}");
    }

    /// <summary>The content check's --diff shows for a file it would create (its "+" lines).</summary>
    private static string PredictedContent(CliRun run, string path)
    {
        var lines = (run.StdOut + run.StdErr).Split('\n');
        var start = Array.FindIndex(lines, l => l.Trim() == $"+++ {path} (playbook)");
        start.ShouldBeGreaterThan(-1, $"no diff for {path}");
        return string.Join('\n', lines.Skip(start + 2).TakeWhile(l => l.StartsWith("    +", StringComparison.Ordinal)).Select(l => l[5..])).Trim();
    }

    /// <summary>
    /// Applies the perturbations, then check must name exactly the expected tasks, apply must
    /// change exactly what check predicted (handlers included), and a second check is clean.
    /// </summary>
    private async Task DriftRound(string mail, (string Perturb, string? Task)[] drift, string[]? also = null)
    {
        fx.Mail.Run(string.Join("; ", drift.Select(d => d.Perturb).Append("echo drifted")));
        var expected = drift.Select(d => d.Task).OfType<string>().Concat(also ?? []).Distinct().ToList();

        var check = await fx.Provision("check", Site, "--limit", mail, "-e", fx.TransportRoutes);
        check.ExitCode.ShouldBe(2, check.ToString());
        check.Tasks("changed").Where(t => !Handlers.Contains(t)).ShouldBe(expected, ignoreOrder: true, check.ToString());

        var apply = await fx.Provision("apply", Site, "--limit", mail, "-e", fx.TransportRoutes);
        apply.ExitCode.ShouldBe(2, apply.ToString());
        string.Join("\n", apply.Steps("changed")).ShouldBe(string.Join("\n", check.Steps("changed")), $"check predicted:\n{check}\napply did:\n{apply}");
        Probes(apply).ShouldAllBe(p => p.Passed, apply.ToString());

        var clean = await fx.Provision("check", Site, "--limit", mail, "-e", fx.TransportRoutes);
        clean.ExitCode.ShouldBe(0, clean.ToString());
    }

    private static readonly string[] Handlers = ["newaliases", "restart postfix", "reload postfix", "restart dovecot", "reload dovecot"];

    private sealed record Probe(string Name, bool Passed);

    private static List<Probe> Probes(CliRun run) => run.Report is null ? [] :
        run.Report.RootElement.GetProperty("hosts").EnumerateArray()
            .SelectMany(h => h.GetProperty("stages").EnumerateArray())
            .SelectMany(s => s.GetProperty("probes").EnumerateArray())
            .Select(p => new Probe(p.GetProperty("name").GetString()!, p.GetProperty("passed").GetBoolean())).ToList();
}

public sealed class SiteTrixieLabTests(TrixieMailFixture fx) : SiteLabTests(fx), IClassFixture<TrixieMailFixture>;

public sealed class SiteBookwormLabTests(BookwormMailFixture fx) : SiteLabTests(fx), IClassFixture<BookwormMailFixture>;

[LabFlavor("forky")]
public sealed class SiteForkyLabTests(ForkyMailFixture fx) : SiteLabTests(fx), IClassFixture<ForkyMailFixture>;
