using System.Globalization;
using Provisioner.Transport;

namespace Provisioner.HostFacts;

/// <summary>Reads every fact in one round trip at connect (and again after a stage changed packages).</summary>
public static class FactsReader
{
    private static readonly HostScript Script = HostScript.Load("facts.sh");

    /// <summary>facts.sh, asked also for the version and list facts the modules bring.</summary>
    public static Command Command(IFactSources sources) =>
        Transport.Command.Script(Script.Inline([
            .. sources.Versions.SelectMany(v => new[] { "version", v.Name, v.Program, string.Join(' ', v.Args) }),
            .. sources.Lists.SelectMany(l => new[] { "list", l.Name, l.Program, string.Join(' ', l.Args) }),
        ]), readOnly: true);

    public static Facts Parse(string stdout)
    {
        var kv = new Dictionary<string, string>();
        var interfaces = new Dictionary<string, List<string>>();
        var versions = new Dictionary<string, string>(StringComparer.Ordinal);
        var lists = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = line.IndexOf('=');
            if (eq < 0) continue;
            var key = line[..eq];
            var value = line[(eq + 1)..].Trim();
            var parts = value.Split(' ', 2);
            if (key == "if" && parts.Length == 2)
            {
                var name = parts[0].Split('@')[0];
                if (!interfaces.TryGetValue(name, out var list)) interfaces[name] = list = [];
                list.Add(parts[1]);
            }
            else if (key == "version" && parts.Length == 2 && VersionFact.Parse(parts[1]) is { } version) versions[parts[0]] = version;
            // A program that printed nothing (it failed) tells nothing: the fact stays unknown, as if it were missing.
            else if (key == "list" && parts.Length == 2 && parts[1].Split(' ', StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } words) lists[parts[0]] = words;
            else kv[key] = value;
        }
        string Get(string k) => kv.GetValueOrDefault(k, "");
        var id = Get("os_id");
        var family = Family(id, Get("os_like"));
        return new Facts(
            OsId: id,
            OsVersion: Get("os_version"),
            OsFamily: family,
            OsPrettyName: Get("os_pretty"),
            PackageManager: family == "redhat" ? "dnf" : "apt",
            SystemdVersion: int.TryParse(Get("systemd"), NumberStyles.None, CultureInfo.InvariantCulture, out var sd) ? sd : 0,
            Interfaces: interfaces.Select(i => new NetInterface(i.Key, i.Value)).ToList(),
            SelinuxMode: Get("selinux") is "" ? "disabled" : Get("selinux"),
            Hostname: Get("hostname"),
            User: Get("user")) { Versions = versions, Lists = lists, SshServer = SshEndpoint.FromSshConnection(Get("ssh_connection")) };
    }

    /// <summary>debian or redhat, from os-release's ID and ID_LIKE (Fedora, RHEL, Rocky, Alma → redhat).</summary>
    public static string Family(string id, string like)
    {
        var words = (id + " " + like).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Any(w => w is "fedora" or "rhel" or "centos" or "rocky" or "almalinux")) return "redhat";
        if (words.Any(w => w is "debian" or "ubuntu")) return "debian";
        return id;
    }

    /// <summary>
    /// Check mode: the facts as they will be after planned installs of packages at the versions the
    /// package manager named, so templates render the syntax of the version the install will bring.
    /// </summary>
    public static Facts WithInstalls(Facts facts, IReadOnlyList<VersionFact> versions, IEnumerable<(string Package, string? Version)> installs)
    {
        var known = new Dictionary<string, string>(facts.Versions, StringComparer.Ordinal);
        foreach (var install in installs)
            foreach (var fact in versions.Where(v => v.Packages.Contains(install.Package)))
                if (VersionFact.Upstream(install.Version) is { } upstream) known[fact.Name] = upstream;
        return facts with { Versions = known };
    }

    /// <summary>
    /// A NIC's global unicast IPv6 addresses (2000::/3), without their prefix length: not link-local,
    /// not unique local (fc00::/7, which Linux also scopes "global"), not loopback.
    /// </summary>
    public static IEnumerable<string> GlobalIpv6(IEnumerable<string> addresses) =>
        from cidr in addresses
        let text = cidr.Split('/')[0]
        where System.Net.IPAddress.TryParse(text, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
              && (ip.GetAddressBytes()[0] & 0xE0) == 0x20
        select text;

    /// <summary>The version fact among the facts <paramref name="reads"/> a rendering read, or null.</summary>
    public static VersionFact? VersionRead(IReadOnlyList<VersionFact> versions, IReadOnlySet<string> reads) =>
        versions.FirstOrDefault(v => reads.Contains(v.VersionKey) || reads.Contains(v.MajorKey));

    /// <summary>Facts as template data: <c>facts.os_family</c>, <c>facts.dovecot_major</c>, <c>facts.interfaces.pub0</c>.</summary>
    public static Dictionary<string, object?> ToVars(Facts f, IReadOnlyList<VersionFact> versions)
    {
        var vars = new Dictionary<string, object?>
        {
            ["os_id"] = f.OsId,
            ["os_version"] = f.OsVersion,
            ["os_family"] = f.OsFamily,
            ["os_pretty_name"] = f.OsPrettyName,
            ["package_manager"] = f.PackageManager,
            ["systemd_version"] = (long)f.SystemdVersion,
            ["selinux"] = f.SelinuxMode,
            ["hostname"] = f.Hostname,
            ["user"] = f.User,
            ["interfaces"] = f.Interfaces.ToDictionary(i => i.Name, i => (object?)i.Addresses.Cast<object?>().ToList()),
            ["ipv6_global"] = f.Interfaces.ToDictionary(i => i.Name, i => (object?)GlobalIpv6(i.Addresses).Cast<object?>().ToList()),
        };
        foreach (var (name, words) in f.Lists) vars[name] = words.Cast<object?>().ToList();
        foreach (var v in versions)
        {
            var version = f.Versions.GetValueOrDefault(v.Name);
            vars[v.VersionKey] = version;
            vars[v.MajorKey] = VersionFact.Major(version);
        }
        return vars;
    }
}
