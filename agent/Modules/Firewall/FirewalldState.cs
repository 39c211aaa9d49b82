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

    /// <summary>
    /// Where the interface is bound across reboots. On a NetworkManager host that is the connection's
    /// zone: NetworkManager hands it to firewalld on every activation and wins over firewalld's own
    /// zone files (firewalld#1265); an empty connection.zone means "firewalld's default zone".
    /// </summary>
    public string? PermanentBinding => NmConnection is null ? InterfaceZonePermanent : NmZone is "" ? null : NmZone;
}
