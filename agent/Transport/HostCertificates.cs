using System.Security.Cryptography;
using Renci.SshNet.Security;
using Renci.SshNet.Security.Cryptography;

namespace Provisioner.Transport;

/// <summary>
/// Checks an OpenSSH host certificate as ssh does: a host (not user) certificate, signed by a CA that a
/// <c>@cert-authority</c> line of known_hosts trusts for this host, naming the host among its principals
/// (or none), and valid now. SSH.NET parses the certificate but does not check the CA's signature: this does.
/// </summary>
public static class HostCertificates
{
    /// <returns>Null when trusted, else why not (for the message).</returns>
    /// <param name="hostKey">The certified key's plain blob (what the server's certificate certifies).</param>
    public static string? Problem(Certificate cert, byte[] hostKey, KnownHosts known, string host, int port, DateTimeOffset now)
    {
        if (cert.Type != Certificate.CertificateType.Host) return "it is not a host certificate";
        var ca = cert.CertificateAuthorityKey;
        var caName = HostKeyFingerprint.Describe(ca);
        if (known.IsRevoked(host, port, ca)) return $"its CA key {caName} is marked @revoked";
        if (!known.CertAuthorities(host, port).Any(e => e.SameKey(ca)))
            return $"its CA {caName} is not trusted for {KnownHosts.HostName(host, port)} by a @cert-authority line";
        if (cert.ValidPrincipals.Count > 0 && !cert.ValidPrincipals.Contains(host, StringComparer.OrdinalIgnoreCase))
            return $"it is for {string.Join(", ", cert.ValidPrincipals)}, not {host}";
        if (now < cert.ValidAfter || now >= cert.ValidBefore)
            return $"it is valid from {cert.ValidAfter:u} to {cert.ValidBefore:u} only";
        if (cert.CriticalOptions.Count > 0 || cert.Extensions.Count > 0)
            return "it carries critical options or extensions, which provision cannot verify in a host certificate";
        return SignedBy(cert, hostKey, ca) ? null : $"its signature does not verify with the CA key {caName}";
    }

    /// <summary>
    /// The signed part of the certificate, rebuilt from its fields (SSH.NET keeps the original bytes
    /// internal): PROTOCOL.certkeys, everything before the signature, for a certificate without
    /// options or extensions and with the reserved field empty (as ssh-keygen writes).
    /// </summary>
    private static byte[] SignedPart(Certificate cert, byte[] hostKey, byte[] caBlob)
    {
        var typeLength = 4 + (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(hostKey);
        var principals = new Agent.SshWriter();
        foreach (var p in cert.ValidPrincipals) principals.String(p);
        return new Agent.SshWriter()
            .String(cert.Name).String(cert.Nonce).Raw(hostKey.AsSpan(typeLength))
            .UInt64(cert.Serial).UInt32((uint)cert.Type).String(cert.KeyId).String(principals.ToArray())
            .UInt64(cert.ValidAfterUnixSeconds).UInt64(cert.ValidBeforeUnixSeconds)
            .String([]).String([]).String([]).String(caBlob)
            .ToArray();
    }

    private static bool SignedBy(Certificate cert, byte[] hostKey, byte[] caBlob)
    {
        var algorithm = HostKeyFingerprint.TypeOf(cert.Signature);
        try
        {
            HostAlgorithm verifier = HostKeyFingerprint.TypeOf(caBlob) switch
            {
                "ssh-ed25519" => new KeyHostAlgorithm(algorithm, new ED25519Key(new SshKeyData(caBlob))),
                "ssh-rsa" => Rsa(algorithm, new RsaKey(new SshKeyData(caBlob))),
                var t when t.StartsWith("ecdsa-sha2-", StringComparison.Ordinal) => new KeyHostAlgorithm(algorithm, new EcdsaKey(new SshKeyData(caBlob))),
                _ => throw new NotSupportedException(),
            };
            return verifier.VerifySignature(SignedPart(cert, hostKey, caBlob), cert.Signature);
        }
        catch (Exception e) when (e is NotSupportedException or ArgumentException or InvalidOperationException or CryptographicException or Renci.SshNet.Common.SshException)
        {
            return false;
        }
    }

    private static KeyHostAlgorithm Rsa(string algorithm, RsaKey key) => algorithm switch
    {
        "rsa-sha2-512" => new KeyHostAlgorithm(algorithm, key, new RsaDigitalSignature(key, HashAlgorithmName.SHA512)),
        "rsa-sha2-256" => new KeyHostAlgorithm(algorithm, key, new RsaDigitalSignature(key, HashAlgorithmName.SHA256)),
        _ => throw new NotSupportedException(), // ssh-rsa (SHA-1) CA signatures are refused, as by OpenSSH 8.2+
    };
}
