using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Provisioner.Tests.Transport;

/// <summary>Key blobs in SSH wire format (string type, string key bytes) with random key material.</summary>
internal static class FakeKeys
{
    public static byte[] Blob(string type = "ssh-ed25519")
    {
        var name = Encoding.ASCII.GetBytes(type);
        var key = RandomNumberGenerator.GetBytes(32);
        var blob = new byte[4 + name.Length + 4 + key.Length];
        BinaryPrimitives.WriteUInt32BigEndian(blob, (uint)name.Length);
        name.CopyTo(blob, 4);
        BinaryPrimitives.WriteUInt32BigEndian(blob.AsSpan(4 + name.Length), (uint)key.Length);
        key.CopyTo(blob, 8 + name.Length);
        return blob;
    }

    public static string Line(string hosts, byte[] blob, string type = "ssh-ed25519") => $"{hosts} {type} {Convert.ToBase64String(blob)}";
}
