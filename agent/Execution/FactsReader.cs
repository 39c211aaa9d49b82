using System.Globalization;
using Provisioner.Transport;

namespace Provisioner.Execution;

/// <summary>Reads every fact in one round trip at connect (and again after a stage changed packages).</summary>
public static class FactsReader
{
    public static readonly Command Script = Command.Script(string.Join("; ", [
        ". /etc/os-release 2>/dev/null",
        "echo \"os_id=$ID\"", "echo \"os_version=$VERSION_ID\"", "echo \"os_like=$ID_LIKE\"", "echo \"os_pretty=$PRETTY_NAME\"",
        "echo \"systemd=$(systemctl --version 2>/dev/null | sed -n '1s/^systemd \\([0-9]*\\).*/\\1/p')\"",
        "echo \"selinux=$(getenforce 2>/dev/null | tr A-Z a-z)\"",
        "echo \"postfix=$(command -v postconf >/dev/null && postconf -h mail_version 2>/dev/null)\"",
        "echo \"dovecot=$(command -v dovecot >/dev/null && dovecot --version 2>/dev/null | cut -d' ' -f1)\"",
        "echo \"hostname=$(hostname -f 2>/dev/null || hostname)\"",
        "echo \"user=$(id -un)\"",
        "ip -o addr show 2>/dev/null | while read -r _ name fam addr _; do echo \"if=$name $addr\"; done",
        "true",
    ]), readOnly: true);

    public static Facts Parse(string stdout)
    {
        var kv = new Dictionary<string, string>();
        var interfaces = new Dictionary<string, List<string>>();
        foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = line.IndexOf('=');
            if (eq < 0) continue;
            var key = line[..eq];
            var value = line[(eq + 1)..].Trim();
            if (key == "if")
            {
                var parts = value.Split(' ', 2);
                if (parts.Length < 2) continue;
                var name = parts[0].Split('@')[0];
                if (!interfaces.TryGetValue(name, out var list)) interfaces[name] = list = [];
                list.Add(parts[1]);
            }
            else kv[key] = value;
        }
        string Get(string k) => kv.GetValueOrDefault(k, "");
        var id = Get("os_id");
        var like = Get("os_like");
        var family = Family(id, like);
        return new Facts(
            OsId: id,
            OsVersion: Get("os_version"),
            OsFamily: family,
            OsPrettyName: Get("os_pretty"),
            PackageManager: family == "redhat" ? "dnf" : "apt",
            SystemdVersion: int.TryParse(Get("systemd"), NumberStyles.None, CultureInfo.InvariantCulture, out var sd) ? sd : 0,
            Interfaces: interfaces.Select(i => new NetInterface(i.Key, i.Value)).ToList(),
            SelinuxMode: Get("selinux") is "" ? "disabled" : Get("selinux"),
            PostfixVersion: Get("postfix") is "" ? null : Get("postfix"),
            DovecotVersion: Get("dovecot") is "" ? null : Get("dovecot"),
            Hostname: Get("hostname"),
            User: Get("user"));
    }

    /// <summary>debian or redhat, from os-release's ID and ID_LIKE (Fedora, RHEL, Rocky, Alma → redhat).</summary>
    public static string Family(string id, string like)
    {
        var words = (id + " " + like).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Any(w => w is "fedora" or "rhel" or "centos" or "rocky" or "almalinux")) return "redhat";
        if (words.Any(w => w is "debian" or "ubuntu")) return "debian";
        return id;
    }

    /// <summary>The facts a package install can change (read again after one); check mode's predictions that read them assume the install.</summary>
    public static readonly IReadOnlySet<string> SoftwareFacts = new HashSet<string>(StringComparer.Ordinal) { "postfix_version", "dovecot_version", "dovecot_major" };

    /// <summary>
    /// Check mode: the facts as they will be after a planned install of these packages at these
    /// versions (the candidates apt or dnf named), so templates render the syntax of the version the
    /// install will bring. Package versions carry an epoch, a revision and suffixes the program's
    /// own version does not (1:2.3.19.1+dfsg1-2.1+deb12u6 → 2.3.19.1).
    /// </summary>
    public static Facts AfterInstall(Facts facts, IEnumerable<(string Package, string Version)> installs)
    {
        foreach (var (package, version) in installs)
        {
            var upstream = Upstream(version);
            if (upstream is null) continue;
            if (package == "postfix") facts = facts with { PostfixVersion = upstream };
            else if (package is "dovecot-core" or "dovecot") facts = facts with { DovecotVersion = upstream };
        }
        return facts;
    }

    private static string? Upstream(string version)
    {
        var v = version[(version.IndexOf(':') + 1)..];
        var end = v.IndexOfAny(['-', '+', '~']);
        v = end < 0 ? v : v[..end];
        return v.Length > 0 && char.IsAsciiDigit(v[0]) ? v : null;
    }

    /// <summary>The software (postfix, dovecot) whose version facts were among <paramref name="reads"/>, or null.</summary>
    public static string? SoftwareOf(IReadOnlySet<string> reads) =>
        reads.Where(SoftwareFacts.Contains).Select(k => k.Split('_')[0]).Order(StringComparer.Ordinal).FirstOrDefault();

    /// <summary>Facts as template data: <c>facts.os_family</c>, <c>facts.dovecot_major</c>, <c>facts.interfaces.pub0</c>.</summary>
    public static Dictionary<string, object?> ToVars(Facts f) => new()
    {
        ["os_id"] = f.OsId,
        ["os_version"] = f.OsVersion,
        ["os_family"] = f.OsFamily,
        ["os_pretty_name"] = f.OsPrettyName,
        ["package_manager"] = f.PackageManager,
        ["systemd_version"] = (long)f.SystemdVersion,
        ["selinux"] = f.SelinuxMode,
        ["postfix_version"] = f.PostfixVersion,
        ["dovecot_version"] = f.DovecotVersion,
        ["dovecot_major"] = f.DovecotVersion is { } v ? string.Join('.', v.Split('.').Take(2)) : null,
        ["hostname"] = f.Hostname,
        ["user"] = f.User,
        ["interfaces"] = f.Interfaces.ToDictionary(i => i.Name, i => (object?)i.Addresses.Cast<object?>().ToList()),
    };
}
