using System.Security.Cryptography;
using System.Text;

namespace Provisioner.Transport;

/// <summary>One known_hosts host pattern: a hashed name, or a name with <c>*</c> and <c>?</c> wildcards.</summary>
public static class KnownHostsPattern
{
    private const string HashMagic = "|1|";

    public static bool Matches(string pattern, string hostName)
    {
        var name = hostName.ToLowerInvariant();
        if (pattern.StartsWith(HashMagic, StringComparison.Ordinal)) return MatchesHashed(pattern, name);
        return Yaml.Glob.Matches(pattern.ToLowerInvariant(), name);
    }

    /// <summary>The hashed form ssh-keygen -H writes: <c>|1|base64(salt)|base64(HMAC-SHA1(salt, name))</c>.</summary>
    public static string Hash(string hostName, byte[] salt) =>
        HashMagic + Convert.ToBase64String(salt) + "|" +
        Convert.ToBase64String(HMACSHA1.HashData(salt, Encoding.UTF8.GetBytes(hostName.ToLowerInvariant())));

    private static bool MatchesHashed(string pattern, string name)
    {
        var parts = pattern[HashMagic.Length..].Split('|');
        if (parts.Length != 2) return false;
        try
        {
            var salt = Convert.FromBase64String(parts[0]);
            var expected = Convert.FromBase64String(parts[1]);
            var actual = HMACSHA1.HashData(salt, Encoding.UTF8.GetBytes(name));
            return CryptographicOperations.FixedTimeEquals(expected, actual);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
