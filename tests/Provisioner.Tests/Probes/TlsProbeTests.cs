using Provisioner.Probes;

namespace Provisioner.Tests.Probes;

public sealed class TlsProbeTests : IAsyncLifetime
{
    private readonly TlsProbe _probe = new();
    private readonly TestCertificates _certs = TestCertificates.Create(leafDays: 30);
    private TlsTestServer _server = null!;

    public Task InitializeAsync()
    {
        _server = new TlsTestServer(_certs.Leaf);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _certs.Dispose();
    }

    private Task<ProbeOutcome> Run(string extra, string? caFile = null) => ProbeTestKit.RunAsync(_probe,
        $"host: 127.0.0.1\nport: {_server.Port}\nca_file: {caFile ?? _certs.CaFile}\ntimeout: 30\n{extra}\n");

    [Fact]
    public async Task Passes_with_the_right_ca_and_name_and_reports_the_certificate()
    {
        var outcome = await Run($"server_name: {TestCertificates.ServerName}");
        outcome.Passed.ShouldBeTrue(outcome.Actual);
        outcome.Expected.ShouldBe($"certificate for {TestCertificates.ServerName} on 127.0.0.1:{_server.Port} valid against {Path.GetFileName(_certs.CaFile)}, at least 20 days left");
        outcome.Actual.ShouldContain($"subject CN={TestCertificates.ServerName}");
        outcome.Actual.ShouldContain("issuer CN=Probe Test CA");
        outcome.Actual.ShouldContain($"sha256 {_certs.Sha256}");
        outcome.Actual.ShouldContain("chain valid (ca_file)");
        outcome.Actual.ShouldContain("notAfter ");
    }

    [Fact]
    public async Task Address_as_server_name_matches_the_ip_san()
    {
        var outcome = await Run("");
        outcome.Passed.ShouldBeTrue(outcome.Actual);
    }

    [Fact]
    public async Task Fails_against_another_ca_even_with_the_right_name()
    {
        using var other = TestCertificates.Create(caName: "Some Other CA");
        var outcome = await Run($"server_name: {TestCertificates.ServerName}", other.CaFile);
        outcome.Passed.ShouldBeFalse();
        outcome.Actual.ShouldStartWith("chain does not validate (");
        outcome.Actual.ShouldContain("issuer CN=Probe Test CA");
    }

    [Fact]
    public async Task Fails_when_the_certificate_does_not_carry_server_name()
    {
        var outcome = await Run("server_name: other.probe.test");
        outcome.Passed.ShouldBeFalse();
        outcome.Actual.ShouldStartWith("certificate is not valid for other.probe.test");
    }

    [Theory]
    [InlineData(10, true)]
    [InlineData(60, false)]
    public async Task Min_days_left(int minDays, bool passes)
    {
        var outcome = await Run($"server_name: {TestCertificates.ServerName}\nmin_days_left: {minDays}");
        outcome.Passed.ShouldBe(passes, outcome.Actual);
        if (!passes) outcome.Actual.ShouldStartWith("only 30 days left (fewer than 60)");
    }

    [Fact]
    public async Task A_certificate_renewals_should_have_replaced_fails_by_default_and_says_what_to_check()
    {
        using var expiring = TestCertificates.Create(leafDays: 15);
        await using var server = new TlsTestServer(expiring.Leaf);
        var outcome = await ProbeTestKit.RunAsync(_probe, $"{{ host: 127.0.0.1, port: {server.Port}, server_name: {TestCertificates.ServerName}, ca_file: '{expiring.CaFile}', timeout: 30 }}");
        outcome.Passed.ShouldBeFalse();
        outcome.Actual.ShouldStartWith("only 15 days left (fewer than 20): renewals are failing");
        outcome.Actual.ShouldContain("certbot renew --dry-run");
        outcome.Actual.ShouldContain("port 80");

        var onlyUnexpired = await ProbeTestKit.RunAsync(_probe, $"{{ host: 127.0.0.1, port: {server.Port}, server_name: {TestCertificates.ServerName}, ca_file: '{expiring.CaFile}', timeout: 30, min_days_left: 0 }}");
        onlyUnexpired.Passed.ShouldBeTrue(onlyUnexpired.Actual);
    }

    [Fact]
    public async Task Fingerprint_must_have_changed()
    {
        var same = await Run($"expect_fingerprint_changed_from: '{string.Join(':', _certs.Sha256.Chunk(2).Select(c => new string(c))).ToLowerInvariant()}'");
        same.Passed.ShouldBeFalse();
        same.Actual.ShouldStartWith("still the old certificate");

        var changed = await Run($"expect_fingerprint_changed_from: {new string('A', 64)}");
        changed.Passed.ShouldBeTrue(changed.Actual);
    }

    [Fact]
    public async Task Starttls_smtp_upgrades_then_checks_the_certificate()
    {
        await using var smtp = new FakeSmtpServer(new SmtpScript { Certificate = _certs.Leaf });
        var outcome = await ProbeTestKit.RunAsync(_probe,
            $"{{ host: 127.0.0.1, port: {smtp.Port}, starttls: smtp, server_name: {TestCertificates.ServerName}, ca_file: '{_certs.CaFile}', timeout: 30 }}");
        outcome.Passed.ShouldBeTrue(outcome.Actual);
        outcome.Expected.ShouldContain("after STARTTLS (smtp)");
    }

    [Fact]
    public async Task Nothing_listening_fails_with_the_socket_error()
    {
        var outcome = await ProbeTestKit.RunAsync(_probe, "{ host: 127.0.0.1, port: 1, timeout: 2 }");
        outcome.Passed.ShouldBeFalse();
        outcome.Actual.ShouldBe("connection refused");
    }
}
