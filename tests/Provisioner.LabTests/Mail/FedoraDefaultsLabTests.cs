using Provisioner.LabTests.Execution;

namespace Provisioner.LabTests.Mail;

public sealed class FedoraDefaultsFixture() : FreshLabFixture("t-fedoradef");

/// <summary>
/// Stage 1 on a host set up the way Fedora (or a minimal cloud image) ships it: Postfix already
/// running, listening on localhost only, an /etc/aliases full of the distribution's entries, and no
/// firewall running.
/// </summary>
public sealed class FedoraDefaultsLabTests(FedoraDefaultsFixture fx) : IClassFixture<FedoraDefaultsFixture>
{
    /// <summary>The shape of Fedora's /etc/aliases (from its setup package): system accounts and RFC 2142 roles.</summary>
    private const string DistributionAliases = """
        # Basic system aliases -- these MUST be present.
        mailer-daemon:	postmaster
        postmaster:	root

        # General redirections for pseudo accounts.
        bin:		root
        daemon:		root
        nobody:		root
        # Well-known aliases (RFC 2142).
        abuse:		root
        noc:		root
        security:	root
        hostmaster:	root
        webmaster:	root
        """;

    [Fact]
    public async Task Stage_1_moves_a_running_localhost_only_postfix_onto_both_nics_starts_the_firewall_and_keeps_the_distributions_aliases()
    {
        fx.Lab.Run($$"""
            set -e
            DEBIAN_FRONTEND=noninteractive apt-get -y -q install postfix >/dev/null
            [ -f /etc/postfix/main.cf ] || cp /usr/share/postfix/main.cf.debian /etc/postfix/main.cf
            postconf -e inet_interfaces=localhost inet_protocols=ipv4
            cat > /etc/aliases <<'EOF'
            {{DistributionAliases}}
            EOF
            newaliases
            systemctl start postfix
            # A cloud or minimal image: no firewall running.
            systemctl disable --now firewalld 2>/dev/null
            echo ready
            """).ShouldEndWith("ready");
        fx.Lab.Run("ss -Htln 'sport = :25' | awk '{print $4}'").ShouldBe("127.0.0.1:25");

        var apply = await fx.Provision("apply", "playbooks/site.yml", "--stage", "1");

        apply.ExitCode.ShouldBe(2, apply.ToString());
        apply.StdErr.ShouldContain("handler restart postfix: changed");
        fx.Lab.Run("ss -Htln 'sport = :25' | awk '{print $4}'").ShouldBe("0.0.0.0:25");
        fx.Lab.Run("systemctl is-active firewalld; systemctl is-enabled firewalld; firewall-cmd --get-zone-of-interface=pub0").ShouldBe("active\nenabled\npublic");
        var aliases = fx.Lab.Run("cat /etc/aliases");
        foreach (var kept in new[] { "mailer-daemon:\tpostmaster", "bin:\t\troot", "nobody:\t\troot", "noc:\t\troot", "security:\troot", "webmaster:\troot" })
            aliases.ShouldContain(kept, Case.Sensitive, $"the distribution's entry '{kept}' went missing:\n{aliases}");
        aliases.ShouldContain("\nroot: owner");
        aliases.ShouldContain("\npostmaster: root");
        fx.Lab.Run("postalias -q root hash:/etc/aliases; postalias -q mailer-daemon hash:/etc/aliases").ShouldBe("owner\npostmaster");

        var again = await fx.Provision("apply", "playbooks/site.yml", "--stage", "1");
        again.ExitCode.ShouldBe(0, again.ToString());
    }
}
