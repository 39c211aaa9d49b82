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
        return Glob(pattern.ToLowerInvariant(), name);
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

    private static bool Glob(string pattern, string text)
    {
        // Iterative wildcard match with single-star backtracking: linear enough for host names.
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t])) { p++; t++; }
            else if (p < pattern.Length && pattern[p] == '*') { star = p++; mark = t; }
            else if (star >= 0) { p = star + 1; t = ++mark; }
            else return false;
        }
        while (p < pattern.Length && pattern[p] == '*') p++;
        return p == pattern.Length;
    }
}
