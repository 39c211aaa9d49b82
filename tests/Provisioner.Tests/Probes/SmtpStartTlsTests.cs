using Provisioner.Probes;

namespace Provisioner.Tests.Probes;

/// <summary>The stage 4/6 shapes: STARTTLS on 587 with a certificate from our CA and AUTH only after TLS.</summary>
public sealed class SmtpStartTlsTests : IAsyncLifetime
{
    private readonly SmtpProbe _probe = new();
    private readonly TestCertificates _certs = TestCertificates.Create();
    private FakeSmtpServer _server = null!;

    public Task InitializeAsync()
    {
        _server = new FakeSmtpServer(new SmtpScript { Certificate = _certs.Leaf });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _certs.Dispose();
    }

    // A bound, not a measurement: generous, so a loaded machine's slow TLS handshake is not a failure.
    private Task<ProbeOutcome> Run(string expect, string? caFile = null) => ProbeTestKit.RunAsync(_probe,
        $"host: 127.0.0.1\nport: {_server.Port}\ntls: starttls\nserver_name: {TestCertificates.ServerName}\nca_file: '{caFile ?? _certs.CaFile}'\ntimeout: 30\nexpect:\n{expect}\n");

    [Fact]
    public async Task Starttls_offered_auth_only_after_tls()
    {
        var outcome = await Run("  banner: ESMTP\n  starttls: true\n  auth_before_tls: false\n  auth: true");
        outcome.Passed.ShouldBeTrue(outcome.Actual);
        outcome.Expected.ShouldContain("STARTTLS offered in EHLO");
        outcome.Expected.ShouldContain("AUTH not advertised before TLS");
        outcome.Actual.Split("; ").ShouldBe([
            "greeting: 220 fake.probe.test ESMTP Postfix",
            "EHLO capabilities: PIPELINING SIZE STARTTLS ENHANCEDSTATUSCODES 8BITMIME",
            "EHLO capabilities: PIPELINING SIZE 8BITMIME AUTH PLAIN",
        ]);
    }

    [Theory]
    [InlineData("right-password", true, true)]
    [InlineData("wrong-password", false, true)]
    [InlineData("wrong-password", true, false)]
    public async Task Auth_login(string password, bool success, bool passes)
    {
        var outcome = await Run($"  auth_login: {{ user: user, password: {password}, success: {success.ToString().ToLowerInvariant()} }}");
        outcome.Passed.ShouldBe(passes, outcome.Actual);
        outcome.Expected.ShouldNotContain(password);
        outcome.Actual.ShouldNotContain(password);
    }

    [Fact]
    public async Task Certificate_from_another_ca_fails_before_anything_is_sent()
    {
        using var other = TestCertificates.Create(caName: "Some Other CA");
        var outcome = await Run("  auth_login: { user: user, password: right-password }", other.CaFile);
        outcome.Passed.ShouldBeFalse();
        outcome.Expected.ShouldContain("with STARTTLS");
        outcome.Actual.ShouldStartWith("certificate rejected: chain does not validate");
        _server.Commands.ShouldNotContain(c => c.StartsWith("AUTH", StringComparison.Ordinal));
    }
}
