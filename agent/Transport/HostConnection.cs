namespace Provisioner.Transport;

/// <summary>
/// Everything needed to reach one host. Paths are stored with <c>~</c> already expanded so error
/// messages show the file that was really read.
/// </summary>
public sealed record HostConnection(string Name, string Address)
{
    private readonly string? _identityFile;
    private readonly string _knownHostsFile = HomePath.Expand("~/.ssh/known_hosts");

    public int Port { get; init; } = 22;
    public string User { get; init; } = "root";

    /// <summary>Private key (ed25519 or RSA). Null falls back to ~/.ssh/id_ed25519 then ~/.ssh/id_rsa, as ssh does.</summary>
    public string? IdentityFile { get => _identityFile; init => _identityFile = value is null ? null : HomePath.Expand(value); }

    public string KnownHostsFile { get => _knownHostsFile; init => _knownHostsFile = HomePath.Expand(value); }

    /// <summary>Run every command as root through sudo (unless the login user already is root).</summary>
    public bool Become { get; init; }

    /// <summary>Secret: sudo password fed on stdin. Null means passwordless sudo (<c>sudo -n</c>).</summary>
    public string? BecomePassword { get; init; }

    /// <summary>The password asked for with -K, for a host whose inventory gives none (as in Ansible, the inventory's wins).</summary>
    public HostConnection WithAskedBecomePassword(string? asked) => BecomePassword is null && asked is not null ? this with { BecomePassword = asked } : this;

    /// <summary>Name of the environment variable holding the key passphrase; the passphrase itself never sits in inventory.</summary>
    public string? IdentityPassphraseEnv { get; init; }

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(15);
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Login as root needs no sudo; the name check is enough because uid-0 aliases are not supported.</summary>
    public bool LoginIsRoot => User == "root";

    /// <summary>The name known_hosts uses for this endpoint: <c>host</c>, or <c>[host]:port</c> off port 22.</summary>
    public string KnownHostsName => KnownHosts.HostName(Address, Port);

    // Records print every property; this one holds a secret, so print only what identifies the host.
    public override string ToString() => $"{Name} ({User}@{Address}:{Port})";
}
