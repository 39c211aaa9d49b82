using Provisioner.Execution;

namespace Provisioner.Tests.ExecutionTests;

public class PendingChangeTests
{
    private static readonly PendingChange Pending = new("step 7.1 'LMTP and Pigeonhole installed' (package)", Accounts: [], Installs:
    [
        new("step 1.1 'postfix installed' (package)", ["postfix"]),
        new("step 2.1 'dovecot installed' (package)", ["dovecot-core", "dovecot-pop3d"]),
        new("step 3.1 'certbot installed' (package)", ["certbot"]),
        new("step 7.1 'LMTP and Pigeonhole installed' (package)", ["dovecot-lmtpd", "dovecot-sieve"]),
    ]);

    [Theory]
    [InlineData("postfix", "step 1.1")]
    [InlineData("dovecot", "step 2.1")]          // the first install of the family, not the latest
    [InlineData("certbot-renew", "step 3.1")]    // Fedora's timer is named after its package
    [InlineData("nginx", "step 7.1")]            // unknown: the latest planned install
    [InlineData(null, "step 7.1")]
    public void Names_the_install_a_prediction_rests_on(string? package, string step) =>
        Pending.LabelFor(package).ShouldStartWith(step);
}

public class PlannedAccountsTests
{
    [Fact]
    public void A_file_owned_by_a_user_an_earlier_step_creates_names_that_step()
    {
        var created = Provisioner.Modules.UserModule.CreatedAccounts(
        [
            new("user owner", Provisioner.Modules.ChangeKind.State, null, "present"),
            new("user owner password", Provisioner.Modules.ChangeKind.State, null, "(changed)"),
            new("user root shell", Provisioner.Modules.ChangeKind.Value, "/bin/sh", "/bin/bash"),
        ]);
        created.ShouldBe(["owner"]);
        var pending = new PendingChange("step 2.1 'x' (package)", [], [new("step 1.3 'mail users with a Maildir'", created)]);
        pending.LabelForAccounts(["owner", "mail"]).ShouldBe("step 1.3 'mail users with a Maildir'");
        pending.LabelForAccounts(["root"]).ShouldBeNull();
    }
}
