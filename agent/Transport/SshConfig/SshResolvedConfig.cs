using System.Globalization;

namespace Provisioner.Transport.SshConfig;

/// <summary>The settings provision uses from <c>ssh -G</c>'s output (one <c>key value</c> line per setting, keys in lower case).</summary>
public sealed record SshResolvedConfig(
    string HostName,
    string User,
    int Port,
    IReadOnlyList<string> IdentityFiles,
    IReadOnlyList<string> CertificateFiles,
    IReadOnlyList<string> KnownHostsFiles,
    string? ProxyJump,
    string? IdentityAgent,
    bool IdentitiesOnly)
{
    public static SshResolvedConfig Parse(string output)
    {
        var single = new Dictionary<string, string>(StringComparer.Ordinal);
        var identities = new List<string>();
        var certificates = new List<string>();
        foreach (var line in output.Split('\n'))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space <= 0) continue;
            var key = line[..space].ToLowerInvariant();
            var value = line[(space + 1)..].TrimEnd('\r');
            if (key == "identityfile") identities.Add(value);
            else if (key == "certificatefile") certificates.Add(value);
            else single.TryAdd(key, value);
        }
        string? Get(string key) => single.GetValueOrDefault(key);
        return new SshResolvedConfig(
            Get("hostname") ?? "",
            Get("user") ?? "",
            int.TryParse(Get("port"), NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : 22,
            identities,
            certificates,
            (Get("userknownhostsfile") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries),
            Get("proxyjump") is { } jump && jump != "none" ? jump : null,
            Get("identityagent"),
            Get("identitiesonly") == "yes");
    }
}
