namespace Provisioner.Execution;

/// <summary>What the engine reads from a host once, at connect (and again after a change to its packages).</summary>
public sealed record Facts(
    string OsId,
    string OsVersion,
    string OsFamily,
    string OsPrettyName,
    string PackageManager,
    int SystemdVersion,
    IReadOnlyList<NetInterface> Interfaces,
    string SelinuxMode,
    string Hostname,
    string User)
{
    public bool SelinuxEnforcing => SelinuxMode == "enforcing";

    /// <summary>The versions of the software the modules' <see cref="Modules.VersionFact"/>s name, by fact name (absent: not installed).</summary>
    public IReadOnlyDictionary<string, string> Versions { get; init; } = new Dictionary<string, string>();

    /// <summary>The words of the modules' <see cref="Modules.ListFact"/>s, by fact name (absent: the program is missing).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Lists { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>How the controller reaches the host (set once connected; null where unknown).</summary>
    public ControllerAccess? Access { get; init; }
}

/// <summary>
/// The address and port the controller logs in on, and the host's NIC that holds that address (null
/// when none does, e.g. behind NAT): what a firewall change must never close.
/// </summary>
public sealed record ControllerAccess(string Address, int Port, string? Interface)
{
    /// <summary>The NIC whose address (CIDR form, from ip -o addr) is one of the controller's addresses for the host.</summary>
    public static ControllerAccess For(IReadOnlyList<string> addresses, int port, IReadOnlyList<NetInterface> interfaces)
    {
        foreach (var address in addresses)
            if (interfaces.FirstOrDefault(i => i.Addresses.Any(a => a.Split('/')[0] == address)) is { } nic)
                return new ControllerAccess(address, port, nic.Name);
        return new ControllerAccess(addresses.FirstOrDefault() ?? "", port, null);
    }
}

public sealed record NetInterface(string Name, IReadOnlyList<string> Addresses);
