namespace Provisioner.HostFacts;

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

    /// <summary>The versions of the software the modules' <see cref="VersionFact"/>s name, by fact name (absent: not installed).</summary>
    public IReadOnlyDictionary<string, string> Versions { get; init; } = new Dictionary<string, string>();

    /// <summary>The words of the modules' <see cref="ListFact"/>s, by fact name (absent: the program is missing).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Lists { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>How the controller reaches the host (set once connected; null where unknown).</summary>
    public ControllerAccess? Access { get; init; }

    /// <summary>The host's side of this SSH connection, from <c>$SSH_CONNECTION</c> on the host (null where sshd set none).</summary>
    public SshEndpoint? SshServer { get; init; }
}

/// <summary>An address and port as the host sees them.</summary>
public sealed record SshEndpoint(string Address, int Port)
{
    /// <summary>The server half of <c>$SSH_CONNECTION</c> ("CLIENT-IP CLIENT-PORT SERVER-IP SERVER-PORT"), or null.</summary>
    public static SshEndpoint? FromSshConnection(string value)
    {
        if (value.Split(' ', StringSplitOptions.RemoveEmptyEntries) is not [_, _, var address, var port]
            || !System.Net.IPAddress.TryParse(address, out var ip)
            || !int.TryParse(port, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)) return null;
        // sshd on a dual-stack socket reports an IPv4 client's connection as ::ffff:a.b.c.d.
        return new SshEndpoint((ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString(), number);
    }
}

/// <summary>
/// The address and port the controller logs in on, and the host's NIC that holds that address: what a
/// firewall change must never close. <see cref="Interface"/> is null where no NIC can be named; then
/// <see cref="Unchecked"/> says why, for the run's output.
/// </summary>
public sealed record ControllerAccess(string Address, int Port, string? Interface)
{
    /// <summary>Why firewalld tasks cannot check this access (null when they can).</summary>
    public string? Unchecked { get; init; }

    /// <summary>
    /// The host's side of the connection as the host saw it (<c>$SSH_CONNECTION</c>: right behind NAT, a
    /// port forward, a floating address or a jump host); else the inventory's addresses.
    /// </summary>
    public static ControllerAccess For(IReadOnlyList<string> addresses, int port, Facts facts)
    {
        if (facts.SshServer is { } server)
        {
            if (System.Net.IPAddress.TryParse(server.Address, out var ip) && System.Net.IPAddress.IsLoopback(ip))
                return new ControllerAccess(server.Address, server.Port, null)
                { Unchecked = $"the SSH connection arrives on {server.Address} port {server.Port} (loopback: a tunnel), which firewalld does not filter" };
            if (NicOf(server.Address, facts.Interfaces) is { } nic) return new ControllerAccess(server.Address, server.Port, nic);
        }
        var access = For(addresses, port, facts.Interfaces);
        if (access.Interface is not null) return access;
        var (where, at) = facts.SshServer is { } s ? (s.Address, s.Port) : (access.Address, port);
        return access with
        {
            Unchecked = $"the SSH connection arrives on {where} port {at}, an address no NIC of this host holds" +
                        (facts.SshServer is null ? " (and sshd gave no SSH_CONNECTION)" : "") +
                        ": firewalld tasks cannot check that they leave that port open",
        };
    }

    /// <summary>The NIC whose address (CIDR form, from ip -o addr) is one of the controller's addresses for the host.</summary>
    public static ControllerAccess For(IReadOnlyList<string> addresses, int port, IReadOnlyList<NetInterface> interfaces)
    {
        foreach (var address in addresses)
            if (NicOf(address, interfaces) is { } nic)
                return new ControllerAccess(address, port, nic);
        return new ControllerAccess(addresses.FirstOrDefault() ?? "", port, null);
    }

    private static string? NicOf(string address, IReadOnlyList<NetInterface> interfaces) =>
        interfaces.FirstOrDefault(i => i.Addresses.Any(a => a.Split('/')[0] == address))?.Name;
}

public sealed record NetInterface(string Name, IReadOnlyList<string> Addresses);
