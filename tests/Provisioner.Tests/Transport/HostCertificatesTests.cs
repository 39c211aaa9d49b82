using Provisioner.Tests.Transport.Agent;
using Provisioner.Transport;
using Renci.SshNet.Security;
using TransportKnownHosts = Provisioner.Transport.KnownHosts;

namespace Provisioner.Tests.Transport;

/// <summary>Host certificates made by ssh-keygen -s -h, checked against @cert-authority lines.</summary>
public sealed class HostCertificatesTests : IDisposable
{
    private const string Host = "198.18.9.2";
    private readonly RealAgent _tools = new();
    private readonly string _hostKey;

    public HostCertificatesTests() => _hostKey = _tools.NewKey("host_key");

    public void Dispose() => _tools.Dispose();

    private string Ca(string name = "ca", string type = "ed25519") => _tools.NewKey(name, type);

    private (Certificate Cert, byte[] HostKey) Sign(string ca, params string[] options)
    {
        _tools.Run("ssh-keygen", ["-q", "-s", ca, "-I", "host", .. options, _hostKey + ".pub"]);
        var cert = new Certificate(Convert.FromBase64String(File.ReadAllText(_hostKey + "-cert.pub").Split(' ')[1]));
        return (cert, Blob(_hostKey));
    }

    private static byte[] Blob(string key) => Convert.FromBase64String(File.ReadAllText(key + ".pub").Split(' ')[1]);

    private static TransportKnownHosts Trusting(string pattern, string ca, string marker = "@cert-authority") =>
        TransportKnownHosts.Parse("kh", $"{marker} {pattern} {File.ReadAllText(ca + ".pub").Trim()}");

    private static string? Check((Certificate Cert, byte[] HostKey) signed, TransportKnownHosts known) =>
        HostCertificates.Problem(signed.Cert, signed.HostKey, known, Host, 22, DateTimeOffset.UtcNow);

    [Theory]
    [InlineData("ed25519")]
    [InlineData("rsa")]
    [InlineData("ecdsa")]
    public void A_certificate_signed_by_a_trusted_CA_for_the_host_is_trusted(string caType)
    {
        var ca = Ca("ca", caType);
        Check(Sign(ca, "-h", "-n", $"{Host},mail.test"), Trusting("198.18.9.*", ca)).ShouldBeNull();
    }

    [Fact]
    public void Another_CA_is_not_trusted()
    {
        var signed = Sign(Ca(), "-h", "-n", Host);
        var other = Ca("other");
        Check(signed, Trusting("*", other)).ShouldStartWith("its CA ED25519 SHA256:");
        Check(signed, Trusting("*", other)).ShouldEndWith($"is not trusted for {Host} by a @cert-authority line");
    }

    [Fact]
    public void A_CA_line_for_other_hosts_does_not_count()
    {
        var ca = Ca();
        Check(Sign(ca, "-h", "-n", Host), Trusting("10.*", ca)).ShouldNotBeNull();
    }

    [Fact]
    public void A_certificate_for_other_principals_is_refused()
    {
        var ca = Ca();
        Check(Sign(ca, "-h", "-n", "198.18.9.3"), Trusting("*", ca)).ShouldBe($"it is for 198.18.9.3, not {Host}");
    }

    [Fact]
    public void An_expired_certificate_is_refused()
    {
        var ca = Ca();
        Check(Sign(ca, "-h", "-n", Host, "-V", "20200101:20200102"), Trusting("*", ca)).ShouldStartWith("it is valid from 2020-01-01");
    }

    [Fact]
    public void A_user_certificate_is_not_a_host_certificate()
    {
        var ca = Ca();
        Check(Sign(ca, "-n", Host), Trusting("*", ca)).ShouldBe("it is not a host certificate");
    }

    [Fact]
    public void A_certificate_presented_with_another_key_does_not_verify()
    {
        var ca = Ca();
        var (cert, _) = Sign(ca, "-h", "-n", Host);
        HostCertificates.Problem(cert, Blob(Ca("intruder")), Trusting("*", ca), Host, 22, DateTimeOffset.UtcNow)
            .ShouldStartWith("its signature does not verify with the CA key ED25519 SHA256:");
    }

    [Fact]
    public void A_revoked_CA_is_refused()
    {
        var ca = Ca();
        var known = TransportKnownHosts.Parse("kh", $"@cert-authority * {File.ReadAllText(ca + ".pub").Trim()}\n@revoked * {File.ReadAllText(ca + ".pub").Trim()}");
        Check(Sign(ca, "-h", "-n", Host), known).ShouldEndWith("is marked @revoked");
    }
}
