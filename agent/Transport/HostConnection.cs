using Provisioner.Transport.SshConfig;

namespace Provisioner.Transport;

/// <summary>The connection settings the inventory set itself: these win over the ssh client configuration, as in Ansible.</summary>
[Flags]
public enum InventorySet { None = 0, User = 1, Port = 2, Identity = 4, KnownHosts = 8, Become = 16 }

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

    /// <summary>Private key set in the inventory. Null: the ssh configuration's IdentityFiles, else ~/.ssh/id_rsa, id_ecdsa, id_ed25519 (as ssh); agent keys are offered after them.</summary>
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

    /// <summary>
    /// The OpenSSH client configuration to consult (<c>ssh -G</c>) before connecting; null uses only the
    /// values here. Set for every inventory host, so ~/.ssh/config applies as it would for ssh.
    /// </summary>
    public SshClientArgs? SshConfig { get; init; }

    /// <summary>Which values the inventory set (they beat the ssh configuration).</summary>
    public InventorySet Set { get; init; }

    /// <summary>Keys to try when <see cref="IdentityFile"/> is null, in order (from the ssh configuration; missing files are skipped).</summary>
    public IReadOnlyList<string> IdentityFiles { get; init; } = [];

    /// <summary>OpenSSH certificates for the keys (CertificateFile); <c>KEY-cert.pub</c> beside a key is used too.</summary>
    public IReadOnlyList<string> CertificateFiles { get; init; } = [];

    /// <summary>The agent socket; null: <c>$SSH_AUTH_SOCK</c>; <c>none</c>: no agent (IdentityAgent).</summary>
    public string? IdentityAgent { get; init; }

    /// <summary>Offer only the configured keys, including from the agent (IdentitiesOnly).</summary>
    public bool IdentitiesOnly { get; init; }

    /// <summary>Bastions to go through, in order (ProxyJump), each verified and authenticated like a host.</summary>
    public IReadOnlyList<HostConnection> Jumps { get; init; } = [];

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(15);
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Login as root needs no sudo; the name check is enough because uid-0 aliases are not supported.</summary>
    public bool LoginIsRoot => User == "root";

    /// <summary>The name known_hosts uses for this endpoint: <c>host</c>, or <c>[host]:port</c> off port 22.</summary>
    public string KnownHostsName => KnownHosts.HostName(Address, Port);

    // Records print every property; this one holds a secret, so print only what identifies the host.
    public override string ToString() => $"{Name} ({User}@{Address}:{Port})";
}
