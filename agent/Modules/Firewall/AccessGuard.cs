namespace Provisioner.Modules.Firewall;

/// <summary>
/// A firewalld task must never close the port the controller logs in on. After the task, the zone
/// the controller's NIC is in — moved there by this task, or left where it is while this task
/// removes services or ports — must still allow the SSH port, in the runtime configuration (the
/// connections of this run) and the permanent one (after a reboot). A task that would break that
/// is refused, before it changes anything, with the ways to do it safely.
/// </summary>
public static class AccessGuard
{
    public static string? Check(FirewalldArgs a, FirewalldState s)
    {
        if (a.Access is not { Interface: { } nic } access || s.Host is not { } host) return null;
        foreach (var (config, listing, bound) in new[] { ("runtime", host.Runtime, host.Runtime.ZoneOf(nic)), ("permanent", host.Permanent, s.PermanentBindingOf(nic)) })
        {
            if ((bound ?? host.DefaultZone) is not { } current || (ZoneAfter(a, nic, current) ?? host.DefaultZone) is not { } zone) continue;
            if (listing.Find(current) is not { } now || listing.Find(zone) is not { } target) continue;
            // Only a change that takes the port away: what lets the controller in today without showing
            // here (a rich rule, a source zone) is not this task's to judge.
            if (!Allows(now, access.Port)) continue;
            if (Allows(zone == a.Zone ? Apply(a, target) : target, access.Port)) continue;
            var moved = zone != current;
            return $"this would close the port the controller logs in on ({access.Port}/tcp on {access.Address}, NIC {nic}): " +
                   (moved ? $"{nic} would move to zone {zone}, which" : $"zone {zone}, where {nic} is,") +
                   $" would no longer allow it ({config} configuration). Open it there first — a task before this one: " +
                   $"firewalld: {{ zone: {zone}, {(access.Port == 22 ? "service: ssh" : $"port: {access.Port}/tcp")} }}" +
                   (moved ? $" — or leave {nic} in zone {current}" : "");
        }
        return null;
    }

    /// <summary>The zone the NIC is in once the task is done (null: bound to none, so the default zone).</summary>
    private static string? ZoneAfter(FirewalldArgs a, string nic, string current) =>
        a.Interface == nic ? (a.Enabled ? a.Zone : current == a.Zone ? null : current) : current;

    private static ZoneConfig Apply(FirewalldArgs a, ZoneConfig z)
    {
        IReadOnlySet<string> Change(IReadOnlySet<string> have, IReadOnlyList<string> items) =>
            (a.Enabled ? have.Union(items) : have.Except(items)).ToHashSet(StringComparer.Ordinal);
        return z with { Services = Change(z.Services, a.Services), Ports = Change(z.Ports, a.Ports) };
    }

    /// <summary>Open for the port: an accepting zone, the ssh service (22), or a port entry that covers it.</summary>
    public static bool Allows(ZoneConfig zone, int port) =>
        zone.Target == "ACCEPT"
        || (port == 22 && zone.Services.Contains("ssh"))
        || zone.Ports.Any(p => Covers(p, port));

    private static bool Covers(string entry, int port)
    {
        if (entry.Split('/') is not [var range, "tcp"]) return false;
        var ends = range.Split('-');
        return int.TryParse(ends[0], out var lo) && int.TryParse(ends[^1], out var hi) && lo <= port && port <= hi;
    }
}
