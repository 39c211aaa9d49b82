using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Provisioner.Tests.Probes;

/// <summary>A throwaway CA and a server certificate it signed, plus the CA as a PEM file for ca_file.</summary>
internal sealed class TestCertificates : IDisposable
{
    public const string ServerName = "mail.probe.test";

    private TestCertificates(X509Certificate2 ca, X509Certificate2 leaf, string caFile)
    {
        Ca = ca;
        Leaf = leaf;
        CaFile = caFile;
    }

    public X509Certificate2 Ca { get; }
    /// <summary>With its private key, ready for SslStream.AuthenticateAsServer.</summary>
    public X509Certificate2 Leaf { get; }
    public string CaFile { get; }

    public static TestCertificates Create(int leafDays = 30, string caName = "Probe Test CA")
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest($"CN={caName}", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));

        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var leafRequest = new CertificateRequest($"CN={ServerName}", leafKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(ServerName);
        san.AddIpAddress(IPAddress.Loopback);
        leafRequest.CertificateExtensions.Add(san.Build());
        leafRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        leafRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        leafRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var serial = RandomNumberGenerator.GetBytes(12);
        using var signed = leafRequest.Create(ca, now.AddDays(-1), now.AddDays(leafDays), serial);
        using var withKey = signed.CopyWithPrivateKey(leafKey);
        // Round-trip through PKCS#12 so the key is a persisted one SslStream can use on every platform.
        var leaf = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);

        var caFile = Path.Combine(Path.GetTempPath(), $"probe-ca-{Guid.NewGuid():N}.pem");
        File.WriteAllText(caFile, ca.ExportCertificatePem());
        return new TestCertificates(ca, leaf, caFile);
    }

    public string Sha256 => Leaf.GetCertHashString(HashAlgorithmName.SHA256);

    public void Dispose()
    {
        File.Delete(CaFile);
        Ca.Dispose();
        Leaf.Dispose();
    }
}
