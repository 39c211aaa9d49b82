using System.Security.Cryptography;

namespace Provisioner.Vault;

/// <summary>
/// ansible-vault's AES256 scheme: PBKDF2-HMAC-SHA256 (10 000 rounds) derives 80 bytes from the
/// password and salt — AES key, HMAC key, counter block — then HMAC-SHA256 over the ciphertext
/// proves the password before AES-256-CTR decrypts it (PKCS#7 padded).
/// </summary>
public static class VaultCipher
{
    private const int Rounds = 10_000;

    /// <summary>The plaintext, or null when the password does not fit (the HMAC does not match).</summary>
    public static byte[]? Decrypt(VaultEnvelope envelope, byte[] password)
    {
        var derived = Rfc2898DeriveBytes.Pbkdf2(password, envelope.Salt, Rounds, HashAlgorithmName.SHA256, 80);
        var aesKey = derived[..32];
        var hmacKey = derived[32..64];
        var counter = derived[64..80];
        var mac = HMACSHA256.HashData(hmacKey, envelope.Ciphertext);
        if (!CryptographicOperations.FixedTimeEquals(mac, envelope.Hmac)) return null;

        var padded = Ctr(aesKey, counter, envelope.Ciphertext);
        var pad = padded.Length == 0 ? 0 : padded[^1];
        if (pad is < 1 or > 16 || pad > padded.Length || padded.AsSpan(padded.Length - pad).ContainsAnyExcept((byte)pad)) return null;
        return padded[..^pad];
    }

    /// <summary>AES-CTR with the whole 16-byte block as a big-endian counter (.NET has no CTR mode).</summary>
    private static byte[] Ctr(byte[] key, byte[] initialCounter, byte[] input)
    {
        using var aes = Aes.Create();
        aes.Key = key;
        var counter = (byte[])initialCounter.Clone();
        var stream = new byte[16];
        var output = new byte[input.Length];
        for (var offset = 0; offset < input.Length; offset += 16)
        {
            aes.EncryptEcb(counter, stream, PaddingMode.None);
            var n = Math.Min(16, input.Length - offset);
            for (var i = 0; i < n; i++) output[offset + i] = (byte)(input[offset + i] ^ stream[i]);
            for (var i = 15; i >= 0 && ++counter[i] == 0; i--) { }
        }
        return output;
    }
}
