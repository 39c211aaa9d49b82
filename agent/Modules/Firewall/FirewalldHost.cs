namespace Provisioner.Modules.Firewall;

/// <summary>A NetworkManager device's connection and that connection's zone ("" = firewalld's default zone).</summary>
public sealed record NmDevice(string Connection, string Zone);

/// <summary>
/// firewalld's whole state on a host, independent of any task: every zone in both configurations
/// and NetworkManager's connection of each device. One read serves every firewalld task of a run.
/// </summary>
public sealed record FirewalldHost(
    FirewalldStatus Status,
    ZoneListing Permanent,
    ZoneListing Runtime,
    IReadOnlyDictionary<string, NmDevice> NmDevices)
{
    public static FirewalldHost Unavailable(FirewalldStatus status) =>
        new(status, ZoneListing.Empty, ZoneListing.Empty, new Dictionary<string, NmDevice>());

    /// <summary>firewalld's default zone (runtime), where a NIC bound to no zone ends up.</summary>
    public string? DefaultZone => Runtime.DefaultZone ?? Permanent.DefaultZone;

    /// <summary>
    /// The task's view. A zone missing from the permanent listing does not exist; one missing only at
    /// runtime (created on disk, not yet reloaded) reads as empty there, as <c>--zone=Z --list-all</c>
    /// failing did before.
    /// </summary>
    public FirewalldState For(FirewalldArgs a)
    {
        if (Status != FirewalldStatus.Running) return FirewalldState.Unavailable(Status);
        if (Permanent.Find(a.Zone) is not { } permanent) return FirewalldState.Unavailable(FirewalldStatus.NoSuchZone);
        var runtime = Runtime.Find(a.Zone) ?? ZoneConfig.Empty;
        if (a.Interface is not { } nic) return new FirewalldState(FirewalldStatus.Running, permanent, runtime) { Host = this };
        var nm = NmDevices.GetValueOrDefault(nic);
        return new FirewalldState(FirewalldStatus.Running, permanent, runtime, Runtime.ZoneOf(nic), Permanent.ZoneOf(nic),
            nm?.Connection, nm?.Zone) { Host = this };
    }
}
