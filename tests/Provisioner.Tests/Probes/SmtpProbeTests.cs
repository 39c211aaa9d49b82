using Provisioner.Probes;
using Provisioner.Yaml;

namespace Provisioner.Tests.Probes;

public sealed class SmtpProbeTests
{
    private readonly SmtpProbe _probe = new();

    private async Task<ProbeOutcome> Run(SmtpScript script, string expect, string extra = "")
    {
        await using var server = new FakeSmtpServer(script);
        return await ProbeTestKit.RunAsync(_probe, $"host: 127.0.0.1\nport: {server.Port}\ntimeout: 30\n{extra}\nexpect:\n{expect}\n");
    }

    [Fact]
    public async Task Banner_substring_passes_and_reports_the_greeting()
    {
        var outcome = await Run(new SmtpScript(), "  banner: ESMTP");
        outcome.Passed.ShouldBeTrue(outcome.Actual);
        outcome.Expected.ShouldBe("greeting contains 'ESMTP'");
        outcome.Actual.ShouldBe("greeting: 220 fake.probe.test ESMTP Postfix");
    }

    [Fact]
    public async Task Without_expectations_a_greeting_is_enough()
    {
        await using var server = new FakeSmtpServer(new SmtpScript());
        var outcome = await ProbeTestKit.RunAsync(_probe, $"{{ host: 127.0.0.1, port: {server.Port}, helo: probe.example }}");
        outcome.Passed.ShouldBeTrue(outcome.Actual);
        outcome.Actual.ShouldBe("greeting: 220 fake.probe.test ESMTP Postfix");
        server.Commands.ShouldContain("EHLO probe.example");
    }

    [Fact]
    public async Task Wrong_banner_fails()
    {
        var outcome = await Run(new SmtpScript(), "  banner: Exim");
        outcome.Passed.ShouldBeFalse();
        outcome.Actual.ShouldBe("greeting: 220 fake.probe.test ESMTP Postfix");
    }

    [Fact]
    public async Task Starttls_not_offered_before_stage_4()
    {
        var notOffered = await Run(new SmtpScript(), "  starttls: false\n  auth_before_tls: false");
        notOffered.Passed.ShouldBeTrue(notOffered.Actual);

        var wanted = await Run(new SmtpScript(), "  starttls: true");
        wanted.Passed.ShouldBeFalse();
        wanted.Expected.ShouldStartWith("STARTTLS offered in EHLO on 127.0.0.1:");
        wanted.Actual.ShouldBe("EHLO capabilities: PIPELINING SIZE ENHANCEDSTATUSCODES 8BITMIME");
    }

    [Fact]
    public async Task Relay_refused_with_554_passes_and_reports_code_and_text()
    {
        var script = new SmtpScript { RcptReply = "554 5.7.1 <someone@gmail.com>: Relay access denied" };
        var outcome = await Run(script, "  relay_refused: { from: x@outside.example, to: someone@gmail.com }");
        outcome.Passed.ShouldBeTrue(outcome.Actual);
        outcome.Actual.ShouldContain("RCPT TO: 554 5.7.1 <someone@gmail.com>: Relay access denied");
    }

    [Fact]
    public async Task Relay_accepted_with_250_fails()
    {
        var outcome = await Run(new SmtpScript(), "  relay_refused: { from: x@outside.example, to: someone@gmail.com }");
        outcome.Passed.ShouldBeFalse();
        outcome.Expected.ShouldStartWith("RCPT TO:<someone@gmail.com> refused with 5xx (no relay)");
        outcome.Actual.ShouldBe("RCPT TO: 250 2.1.5 Ok");
    }

    [Theory]
    [InlineData("250 2.1.5 Ok", 2, true)]
    [InlineData("250 2.1.5 Ok", 5, false)]
    [InlineData("554 5.7.1 <203.0.113.7>: Client host rejected: Access denied", 5, true)]
    [InlineData("554 5.7.1 <203.0.113.7>: Client host rejected: Access denied", 2, false)]
    public async Task Rcpt_code_class(string rcptReply, int codeClass, bool passes)
    {
        var outcome = await Run(new SmtpScript { RcptReply = rcptReply },
            $"  rcpt: {{ from: x@outside.example, to: user@example.jp, code_class: {codeClass} }}", "source_address: 127.0.0.1");
        outcome.Passed.ShouldBe(passes, outcome.Actual);
        outcome.Actual.ShouldContain(rcptReply);
    }

    [Fact]
    public async Task Exact_code_must_match()
    {
        var outcome = await Run(new SmtpScript { RcptReply = "550 5.1.1 <nobody@example.jp>: Recipient address rejected" },
            "  rcpt: { from: x@outside.example, to: nobody@example.jp, code_class: 5, code: 554 }");
        outcome.Passed.ShouldBeFalse();
        outcome.Expected.ShouldStartWith("554 for RCPT TO:<nobody@example.jp>");
    }

    [Fact]
    public async Task Refusal_at_mail_from_counts_for_class_5()
    {
        var outcome = await Run(new SmtpScript { MailReply = "530 5.7.0 Must issue a STARTTLS command first" },
            "  rcpt: { from: user@example.jp, to: x@gmail.com, code_class: 5 }");
        outcome.Passed.ShouldBeTrue(outcome.Actual);
        outcome.Actual.ShouldBe("MAIL FROM refused: 530 5.7.0 Must issue a STARTTLS command first");
    }

    [Fact]
    public async Task Refusal_at_connect_passes_a_pure_refusal_probe_only()
    {
        var script = new SmtpScript { Banner = "554 5.7.1 <unknown[203.0.113.7]>: Client host rejected: Access denied" };
        var refused = await Run(script, "  rcpt: { from: x@outside.example, to: user@example.jp, code_class: 5 }");
        refused.Passed.ShouldBeTrue(refused.Actual);
        refused.Actual.ShouldStartWith("refused at connect: 554 5.7.1");

        var banner = await Run(script, "  banner: ESMTP");
        banner.Passed.ShouldBeFalse();
        banner.Expected.ShouldStartWith("a 220 greeting");
    }

    [Fact]
    public async Task Send_is_accepted_with_250()
    {
        var outcome = await Run(new SmtpScript(), "  send: { from: probe@outside.example, to: user@example.jp, subject: hi, body: hello }");
        outcome.Passed.ShouldBeTrue(outcome.Actual);
        outcome.Actual.ShouldContain("queued as 4ABC123");
    }

    [Fact]
    public async Task Connection_refused_fails_with_the_reason()
    {
        var outcome = await ProbeTestKit.RunAsync(_probe, "{ host: 127.0.0.1, port: 1, timeout: 2, expect: { banner: ESMTP } }");
        outcome.Passed.ShouldBeFalse();
        outcome.Expected.ShouldBe("an SMTP session on 127.0.0.1:1");
        outcome.Actual.ShouldBe("connection refused");
    }

    [Fact]
    public void Unknown_expect_keys_are_reported_at_parse_time()
    {
        var d = new Diagnostics();
        var args = (MapNode)YamlLoader.LoadText("{ host: h, port: 25, expect: { banr: ESMTP, rcpt: { form: a, to: b } } }", "p.yml", d)!;
        ((IProbe)_probe).Validate(args, d);
        d.Items.Select(i => i.Message).ShouldBe(["unknown key 'banr' in expect", "unknown key 'form' in expect.rcpt"]);
        d.Items[0].Fix.ShouldBe("did you mean 'banner'?");
    }
}
