using Renci.SshNet;
using Renci.SshNet.Security;

namespace Provisioner.Transport;

/// <summary>
/// A key file offered with its certificate when SSH.NET would drop the certificate by mistake: SSH.NET
/// (2026.0.0) reads the Ed25519 key inside a certificate as a signed number, so for a key whose first
/// byte is 0xff (1 key in 256) the certificate's key compares unequal to the key and PrivateKeyFile
/// refuses the key's own certificate. Here the two keys are compared byte for byte as they are written.
/// </summary>
internal sealed class CertifiedKey : IPrivateKeySource
{
    private CertifiedKey(IReadOnlyCollection<HostAlgorithm> algorithms) => HostKeyAlgorithms = algorithms;

    public IReadOnlyCollection<HostAlgorithm> HostKeyAlgorithms { get; }

    /// <summary>
    /// <paramref name="key"/> with <paramref name="certificatePath"/> first among its algorithms, as
    /// PrivateKeyFile would have offered it; null when the certificate does not certify this Ed25519 key.
    /// </summary>
    public static CertifiedKey? For(PrivateKeyFile key, string certificatePath)
    {
        if (key.Key is not ED25519Key ed25519 || Credentials.PublicFileBlob(certificatePath) is not { } blob) return null;
        try
        {
            if (!Ed25519KeyOf(blob).SequenceEqual(ed25519.PublicKey)) return null;
            var certificate = new Certificate(blob);
            return new CertifiedKey([new CertificateHostAlgorithm(certificate.Name, key.Key, certificate), .. key.HostKeyAlgorithms]);
        }
        catch (Exception e) when (e is Agent.AgentException or ArgumentException or InvalidOperationException or Renci.SshNet.Common.SshException)
        {
            return null;
        }
    }

    /// <summary>
    /// The key an ssh-ed25519-cert-v01@openssh.com blob certifies: its third string, after the type and
    /// the nonce (PROTOCOL.certkeys); empty for any other blob.
    /// </summary>
    private static byte[] Ed25519KeyOf(byte[] blob)
    {
        var reader = new Agent.SshReader(blob);
        if (reader.Text() != "ssh-ed25519-cert-v01@openssh.com") return [];
        reader.Bytes();
        return reader.Bytes();
    }
}
