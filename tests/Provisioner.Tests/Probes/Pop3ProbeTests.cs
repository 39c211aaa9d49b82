using Provisioner.Probes;

namespace Provisioner.Tests.Probes;

public sealed class Pop3ProbeTests
{
    private readonly Pop3Probe _probe = new();

    private static async Task<ProbeOutcome> Run(List<string> mailbox, string password, string expect)
    {
        await using var server = new FakePop3Server(mailbox, ("user", "right-password"));
        return await ProbeTestKit.RunAsync(new Pop3Probe(),
            $"host: 127.0.0.1\nport: {server.Port}\nuser: user\npassword: {password}\ntimeout: 2\nexpect: {expect}\n");
    }

    [Fact]
    public async Task Login_accepted()
    {
        var outcome = await Run([], "right-password", "{ login: true }");
        outcome.Passed.ShouldBeTrue(outcome.Actual);
        outcome.Actual.ShouldBe("logged in as user; 0 messages");
    }

    [Fact]
    public async Task Wrong_password_is_refused_and_never_shown()
    {
        var refused = await Run([], "wrong-password", "{ login: false }");
        refused.Passed.ShouldBeTrue(refused.Actual);

        var wanted = await Run([], "wrong-password", "{ login: true }");
        wanted.Passed.ShouldBeFalse();
        wanted.Actual.ShouldStartWith("login as user refused:");
        wanted.Actual.ShouldNotContain("wrong-password");
    }

    [Fact]
    public async Task Finds_a_message_by_subject()
    {
        var outcome = await Run([FakePop3Server.Message("stage 1 probe"), FakePop3Server.Message("other")], "right-password", "{ find_subject: stage 1 }");
        outcome.Passed.ShouldBeTrue(outcome.Actual);
        outcome.Actual.ShouldBe("message 1 of 2: Subject 'stage 1 probe'");
    }

    [Fact]
    public async Task Missing_subject_fails_after_polling_with_what_was_there()
    {
        var outcome = await Run([FakePop3Server.Message("other")], "right-password", "{ find_subject: stage 1 }");
        outcome.Passed.ShouldBeFalse();
        outcome.Actual.ShouldBe("not found after 2 s; 1 messages, newest subjects: 'other'");
    }

    [Fact]
    public void Registry_lists_every_probe()
    {
        ProbeRegistry.Default.Names.ShouldBe(["command", "mail", "pop3", "smtp", "tcp", "tls"]);
        ProbeRegistry.Default.Find("pop3").ShouldBeOfType<Pop3Probe>();
        _probe.Name.ShouldBe("pop3");
    }
}
