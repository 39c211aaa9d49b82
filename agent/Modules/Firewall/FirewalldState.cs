namespace Provisioner.Modules.Firewall;

public enum FirewalldStatus { Running, NotInstalled, NotRunning, NoSuchZone }

/// <summary>
/// A zone as firewalld has it on disk (permanent) and in the kernel (runtime), where the managed
/// interface is bound in each, and the NetworkManager connection (and its zone) owning that interface.
/// </summary>
public sealed record FirewalldState(
    FirewalldStatus Status,
    ZoneConfig Permanent,
    ZoneConfig Runtime,
    string? InterfaceZoneRuntime = null,
    string? InterfaceZonePermanent = null,
    string? NmConnection = null,
    string? NmZone = null)
{
    public static FirewalldState Unavailable(FirewalldStatus status) => new(status, ZoneConfig.Empty, ZoneConfig.Empty);

    /// <summary>All of firewalld, for what a task can affect beyond its own zone (the controller's access).</summary>
    public FirewalldHost? Host { get; init; }

    /// <summary>Where a NIC is bound across reboots (see <see cref="PermanentBinding"/>), for any NIC.</summary>
    public string? PermanentBindingOf(string nic)
    {
        if (Host is null) return null;
        if (Host.NmDevices.GetValueOrDefault(nic) is { } nm) return nm.Zone is "" ? null : nm.Zone;
        return Host.Permanent.ZoneOf(nic);
    }

    /// <summary>
    /// Where the interface is bound across reboots. On a NetworkManager host that is the connection's
    /// zone: NetworkManager hands it to firewalld on every activation and wins over firewalld's own
    /// zone files (firewalld#1265); an empty connection.zone means "firewalld's default zone".
    /// </summary>
    public string? PermanentBinding => NmConnection is null ? InterfaceZonePermanent : NmZone is "" ? null : NmZone;
}
