using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Provisioner.Probes;

/// <summary>
/// The TLS validation callback of one connection: captures what the server presented and judges it
/// with <see cref="CertificateCheck"/>. In <see cref="Strict"/> mode a bad certificate aborts the
/// handshake, so no password or message is ever sent to a server that failed validation.
/// </summary>
internal sealed class CertificatePolicy(X509Certificate2Collection? roots, string serverName, bool strict)
{
    public CertificateReport? Report { get; private set; }

    public bool Strict => strict;

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            Report = null;
            return false;
        }
        // The platform's chain (and its certificates) may be disposed after the callback returns: copy.
        var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        var presented = new List<X509Certificate2>();
        if (chain is not null)
        {
            presented.AddRange(chain.ChainPolicy.ExtraStore.Select(c => X509CertificateLoader.LoadCertificate(c.RawData)));
            presented.AddRange(chain.ChainElements.Select(e => X509CertificateLoader.LoadCertificate(e.Certificate.RawData)));
        }
        Report = CertificateCheck.Evaluate(leaf, presented, roots, serverName);
        return !strict || Report.Valid;
    }

    /// <summary>What to say when the handshake failed: the certificate verdict if there was one.</summary>
    public string DescribeFailure(Exception ex) => Report is { Valid: false } r
        ? $"certificate rejected: {r.Problem}; {r.Describe()}"
        : ProbeErrors.Describe(ex);
}
