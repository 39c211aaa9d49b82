using System.Buffers.Binary;
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
        if (key.Key is not ED25519Key ed25519) return null;
        try
        {
            var fields = File.ReadAllText(certificatePath).Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 2) return null;
            var blob = Convert.FromBase64String(fields[1]);
            if (!Ed25519KeyOf(blob).SequenceEqual(ed25519.PublicKey)) return null;
            var certificate = new Certificate(blob);
            return new CertifiedKey([new CertificateHostAlgorithm(certificate.Name, key.Key, certificate), .. key.HostKeyAlgorithms]);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException or IOException or UnauthorizedAccessException or Renci.SshNet.Common.SshException)
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
        var at = 0;
        if (!Next(blob, ref at).AsSpan().SequenceEqual("ssh-ed25519-cert-v01@openssh.com"u8)) return [];
        Next(blob, ref at);
        return Next(blob, ref at);
    }

    /// <summary>The SSH string (uint32 length, bytes) at <paramref name="at"/>; empty past the end.</summary>
    private static byte[] Next(byte[] blob, ref int at)
    {
        if (blob.Length - at < 4) return [];
        var length = BinaryPrimitives.ReadUInt32BigEndian(blob.AsSpan(at));
        if (length > (uint)(blob.Length - at - 4)) { at = blob.Length; return []; }
        var value = blob.AsSpan(at + 4, (int)length).ToArray();
        at += 4 + (int)length;
        return value;
    }
}
