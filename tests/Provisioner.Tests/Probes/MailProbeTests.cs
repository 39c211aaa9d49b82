using Provisioner.Probes;

namespace Provisioner.Tests.Probes;

public sealed class MailProbeTests
{
    [Fact]
    public async Task Sends_then_finds_the_token_over_pop3_and_deletes_it()
    {
        var mailbox = new List<string> { FakePop3Server.Message("older mail") };
        await using var smtp = new FakeSmtpServer(new SmtpScript()) { Delivered = mailbox };
        await using var pop3 = new FakePop3Server(mailbox, ("user", "right-password"));

        var outcome = await ProbeTestKit.RunAsync(new MailProbe(),
            $"{{ host: 127.0.0.1, smtp_port: {smtp.Port}, pop3_port: {pop3.Port}, pop3_tls: none, from: probe@outside.example, "
            + "to: user@example.jp, user: user, password: right-password, delete: true, timeout: 30 }");

        outcome.Passed.ShouldBeTrue(outcome.Actual);
        outcome.Expected.ShouldStartWith("message provision-");
        outcome.Actual.ShouldContain("queued as 4ABC123");
        outcome.Actual.ShouldContain("(deleted)");
        outcome.Actual.ShouldNotContain("right-password");
        mailbox.ShouldHaveSingleItem().ShouldContain("older mail");
    }

    [Fact]
    public async Task Refused_submission_fails_before_polling()
    {
        var mailbox = new List<string>();
        await using var smtp = new FakeSmtpServer(new SmtpScript { RcptReply = "554 5.7.1 <user@example.jp>: Relay access denied" }) { Delivered = mailbox };
        await using var pop3 = new FakePop3Server(mailbox, ("user", "right-password"));

        var outcome = await ProbeTestKit.RunAsync(new MailProbe(),
            $"{{ host: 127.0.0.1, smtp_port: {smtp.Port}, pop3_port: {pop3.Port}, pop3_tls: none, from: probe@outside.example, "
            + "to: user@example.jp, user: user, password: right-password, timeout: 30 }");

        outcome.Passed.ShouldBeFalse();
        outcome.Actual.ShouldContain("554");
    }
}
