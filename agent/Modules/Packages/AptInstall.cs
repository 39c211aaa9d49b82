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

    /// <summary>Marks the file as ours, so a copy left behind by a killed run is replaced, never an admin's own.</summary>
    public const string Marker = "# provision: temporary policy, removed when the install ends";

    /// <summary>
    /// policy-rc.d's contract: called as <c>policy-rc.d [--options] UNIT "ACTIONS"</c>; exit 101 forbids.
    /// </summary>
    public const string Policy = $$"""
        #!/bin/sh
        {{Marker}}
        while [ "${1#--}" != "$1" ]; do shift; done
        for a in $2; do
            case "$a" in
                start) exit 101 ;;
                restart|try-restart|reload|force-reload) systemctl is-active --quiet "$1" || exit 101 ;;
            esac
        done
        exit 0
        """;

    public static Command Command(IReadOnlyList<string> names, TimeSpan timeout)
    {
        var apt = string.Join(' ', new[] { "env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "-y", "-q",
            "-o", "Dpkg::Options::=--force-confdef", "-o", "Dpkg::Options::=--force-confold", "install", "--" }
            .Concat(names).Select(ShellQuote.Quote));
        var p = ShellQuote.Quote(PolicyPath);
        // An admin's own policy-rc.d is left alone (and governs the install); ours is removed on any
        // exit, including the SSH session dropping (HUP).
        var script = $$"""
            p={{p}}
            if [ ! -e "$p" ] || grep -qxF {{ShellQuote.Quote(Marker)}} "$p" 2>/dev/null; then
                trap 'rm -f "$p" "$p.provision"' EXIT
                trap 'exit 129' HUP; trap 'exit 130' INT; trap 'exit 143' TERM
                printf '%s\n' {{ShellQuote.Quote(Policy)}} > "$p.provision" && chmod 0755 "$p.provision" && mv -f "$p.provision" "$p" || exit 1
            fi
            {{apt}}
            """;
        return Transport.Command.Script(script.Replace("\r", "")) with { Timeout = timeout };
    }
}
