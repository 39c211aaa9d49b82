using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Provisioner.Transport;

/// <summary>Host key facts in the form OpenSSH prints them, so users can compare with ssh-keygen -l output.</summary>
public static class HostKeyFingerprint
{
    /// <summary><c>SHA256:</c> + unpadded base64 of SHA-256 over the key blob.</summary>
    public static string Sha256(byte[] keyBlob) =>
        "SHA256:" + Convert.ToBase64String(SHA256.HashData(keyBlob)).TrimEnd('=');

    /// <summary>The key type named inside the blob (e.g. ssh-ed25519), which is what known_hosts records.</summary>
    public static string TypeOf(byte[] keyBlob)
    {
        if (keyBlob.Length < 4) return "unknown";
        var length = BinaryPrimitives.ReadUInt32BigEndian(keyBlob);
        if (length == 0 || length > keyBlob.Length - 4) return "unknown";
        return Encoding.ASCII.GetString(keyBlob, 4, (int)length);
    }

    /// <summary>The short name ssh shows next to a fingerprint (ED25519, RSA, ECDSA).</summary>
    public static string DisplayType(string keyType) => keyType switch
    {
        "ssh-ed25519" => "ED25519",
        "ssh-rsa" => "RSA",
        "ssh-dss" => "DSA",
        _ when keyType.StartsWith("ecdsa-", StringComparison.Ordinal) => "ECDSA",
        _ when keyType.StartsWith("sk-ssh-ed25519", StringComparison.Ordinal) => "ED25519-SK",
        _ when keyType.StartsWith("sk-ecdsa", StringComparison.Ordinal) => "ECDSA-SK",
        _ => keyType.ToUpperInvariant(),
    };

    public static string Describe(byte[] keyBlob) => $"{DisplayType(TypeOf(keyBlob))} {Sha256(keyBlob)}";
}
