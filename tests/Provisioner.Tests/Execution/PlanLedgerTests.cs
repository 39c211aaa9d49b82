using Provisioner.Execution;
using Provisioner.Modules;

namespace Provisioner.Tests.ExecutionTests;

public class PlanLedgerTests
{
    private static PlanLedger MailServer()
    {
        var ledger = new PlanLedger();
        ledger.Add("postfix installed", 1, 1, [Provided.Package("postfix", "3.10.1-1")]);
        ledger.Add("mail users with a Maildir", 1, 3, [Provided.Account("owner")]);
        ledger.Add("aliases", 1, 6, []);
        ledger.Add("dovecot installed", 2, 1, [Provided.Package("dovecot-core", "1:2.4.1-1"), Provided.Package("dovecot-pop3d", "1:2.4.1-1")]);
        ledger.Add("certbot installed", 3, 1, [Provided.Package("certbot", "4.0.0-2")]);
        ledger.Add("LMTP and Pigeonhole installed", 7, 1, [Provided.Package("dovecot-lmtpd", "1:2.4.1-1"), Provided.Package("dovecot-sieve", "1:2.4.1-1")]);
        return ledger;
    }

    [Theory]
    [InlineData("postfix", "step 1.1 'postfix installed' (package)")]
    [InlineData("dovecot", "step 2.1 'dovecot installed' (package)")]          // the first install of the family, not the latest
    [InlineData("certbot-renew.timer", "step 3.1 'certbot installed' (package)")] // Fedora's timer is named after its package
    [InlineData("nginx", "step 7.1 'LMTP and Pigeonhole installed' (package)")]  // unknown: the latest planned install
    public void A_unit_not_installed_yet_rests_on_the_install_that_brings_it(string unit, string step) =>
        MailServer().ProviderOf(Need.Unit(unit)).ShouldBe(step);

    [Fact]
    public void A_package_or_account_rests_only_on_a_step_that_provides_it()
    {
        var ledger = MailServer();
        ledger.ProviderOf(Need.Package("dovecot")).ShouldBe("step 2.1 'dovecot installed' (package)");
        ledger.ProviderOf(Need.Package("nginx")).ShouldBeNull();
        ledger.NamedProviderOf([Need.Account("owner"), Need.Account("mail")]).ShouldBe("step 1.3 'mail users with a Maildir'");
        ledger.NamedProviderOf([Need.Account("root")]).ShouldBeNull();
    }

    [Fact]
    public void Nothing_planned_provides_nothing() =>
        new PlanLedger().ProviderOf(Need.Unit("postfix")).ShouldBeNull();

    [Fact]
    public void Owners_given_as_ids_need_no_account() =>
        Need.Accounts("0", "mail", null, "mail").ShouldBe([Need.Account("mail")]);
}
