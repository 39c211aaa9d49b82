using Provisioner.Transport;

namespace Provisioner.Execution;

/// <summary>
/// What -u, --private-key, -b and -T ask for: defaults for every host, which the host's inventory
/// overrides — Ansible's order, where command-line values are below every variable.
/// </summary>
public sealed record ConnectionDefaults(string? User = null, string? IdentityFile = null, bool Become = false, int? TimeoutSeconds = null)
{
    public static readonly ConnectionDefaults None = new();

    public HostConnection Apply(HostConnection c)
    {
        if (User is not null && !c.Set.HasFlag(InventorySet.User)) c = c with { User = User, Set = c.Set | InventorySet.User };
        if (IdentityFile is not null && !c.Set.HasFlag(InventorySet.Identity)) c = c with { IdentityFile = IdentityFile, Set = c.Set | InventorySet.Identity };
        if (Become && !c.Set.HasFlag(InventorySet.Become)) c = c with { Become = true };
        if (TimeoutSeconds is { } seconds) c = c with { ConnectTimeout = TimeSpan.FromSeconds(seconds) };
        return c;
    }
}
