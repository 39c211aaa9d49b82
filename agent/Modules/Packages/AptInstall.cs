using Provisioner.Transport;

namespace Provisioner.Modules.Packages;

/// <summary>
/// apt-get install that does not bring services up. Debian's maintainer scripts start a daemon the
/// moment it is unpacked, with the package's default configuration (Dovecot listening before the
/// playbook wrote dovecot.conf); Fedora never does. Installing under a temporary policy-rc.d that
/// refuses to start a stopped service gives both families the same rule — the playbook starts what it
/// configured — and lets check mode predict a new unit's state exactly: present, stopped.
/// Restarts of services that already run (an upgrade) are allowed, so running daemons pick up new code.
/// </summary>
public static class AptInstall
{
    public const string PolicyPath = "/usr/sbin/policy-rc.d";

    /// <summary>Marks the file as ours, so a copy left behind by a killed run is replaced, never an admin's own (policy-rc.sh carries it).</summary>
    public const string Marker = "# provision: temporary policy, removed when the install ends";

    private static readonly HostScript PolicyScript = HostScript.Load("policy-rc.sh");
    private static readonly HostScript Install = HostScript.Load("apt-install.sh");

    /// <summary>policy-rc.d's contract: called as <c>policy-rc.d [--options] UNIT "ACTIONS"</c>; exit 101 forbids (policy-rc.sh).</summary>
    public static string Policy => PolicyScript.Body;

    public static Command Command(IReadOnlyList<string> names, TimeSpan timeout) =>
        Transport.Command.Script(Install.Inline([PolicyPath, Policy.TrimEnd('\n'), Marker, .. names])) with { Timeout = timeout };
}
