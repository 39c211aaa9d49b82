namespace Provisioner.Modules.Firewall;

/// <summary>
/// What a NIC loses when a task moves it to another zone: the services and ports its zone opens now
/// (runtime) that the zone it ends up in will not, once the task's own items are added there. Moving a
/// NIC out of Fedora Server's FedoraServer closes cockpit (9090) that way, unasked; the run says so.
/// </summary>
public static class ZoneMoveLoss
{
    public static IReadOnlyList<Change> Of(FirewalldArgs a, FirewalldState s, string nic)
    {
        if (s.Host is not { } host) return [];
        var current = host.Runtime.ZoneOf(nic) ?? host.DefaultZone;
        // Unbound from its zone, the NIC falls to the default zone.
        var target = a.Enabled ? a.Zone : current == a.Zone ? host.DefaultZone : current;
        if (current is null || target is null || current == target) return [];
        if (host.Runtime.Find(current) is not { } from || host.Runtime.Find(target) is not { } to || to.Target == "ACCEPT") return [];
        var opens = target == a.Zone && a.Enabled;
        var lost = from.Target == "ACCEPT" ? ["everything (target ACCEPT)"]
            : from.Services.Where(x => !to.Services.Contains(x) && !(opens && a.Services.Contains(x))).Order(StringComparer.Ordinal).Select(x => $"service {x}")
                .Concat(from.Ports.Where(x => !to.Ports.Contains(x) && !(opens && a.Ports.Contains(x))).Order(StringComparer.Ordinal).Select(x => $"port {x}"))
                .ToList();
        if (lost.Count == 0) return [];
        return [new Change($"firewalld: what {nic} loses leaving zone {current} for {target}", ChangeKind.Value, string.Join(", ", lost), "closed") { Notice = true }];
    }
}
