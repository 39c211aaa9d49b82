using Provisioner.LabTests.Lab;
using Provisioner.Tests.Transport.Agent;
using Provisioner.Transport;

namespace Provisioner.LabTests.Transport.Ssh;

/// <summary>
/// Two lab instances for the ssh client tests, booted once: t-ssh1 is the bastion, t-ssh2 the target.
/// t-ssh2's LAN address answers ssh only from the bastion (firewalld, runtime only), and the bastion
/// routes to that LAN through the lab host, so a connection that reaches it went through t-ssh1.
/// t-ssh2's sshd also trusts a user CA made here (TrustedUserCAKeys) and presents a host certificate
/// signed by a host CA made here, for both its addresses.
/// </summary>
public sealed class SshLab : IAsyncLifetime
{
    public LabInstance Bastion { get; private set; } = null!;
    public LabInstance Target { get; private set; } = null!;

    public static string RootKey => LabInstance.RootEd25519Key;

    /// <summary>Where the CAs live (ssh-keygen and ssh-add run here too; its agent is unused by the fixture).</summary>
    public RealAgent Keys { get; } = new();
    public string UserCa => Path.Combine(Keys.Directory, "user_ca");
    public string HostCa => Path.Combine(Keys.Directory, "host_ca");
    public string KnownHosts => Target.Host.KnownHosts;

    public async Task InitializeAsync()
    {
        var instances = await Task.WhenAll(LabInstance.UpAsync("t-ssh1"), LabInstance.UpAsync("t-ssh2"));
        (Bastion, Target) = (instances[0], instances[1]);
        var (b, t) = (Bastion.Host, Target.Host);
        // Bastion: the target's LAN is reached through the lab host (which forwards between instances).
        Bastion.Run($"ip route replace {t.LanCidr} via {b.HostPubAddress}");
        // Target: replies to the bastion go back the way they came; ssh on lan0 from the bastion only.
        Target.Run($"ip route replace {b.PubAddress}/32 via {t.HostLanAddress} dev {t.LanInterface}");
        Target.Run("firewall-cmd -q --zone=internal --remove-service=ssh && " +
                   $"firewall-cmd -q --zone=internal --add-rich-rule='rule family=ipv4 source address={b.PubAddress}/32 service name=ssh accept'");
        TrustCertificates();
    }

    private void TrustCertificates()
    {
        Keys.NewKey("user_ca");
        Keys.NewKey("host_ca");
        var t = Target.Host;
        var hostPub = Path.Combine(Keys.Directory, "ssh_host_ed25519_key.pub");
        File.WriteAllText(hostPub, Target.Run("cat /etc/ssh/ssh_host_ed25519_key.pub") + "\n");
        Keys.Run("ssh-keygen", "-q", "-s", HostCa, "-h", "-I", "t-ssh2", "-n", $"{t.PubAddress},{t.LanAddress}", "-V", "-5m:+1d", hostPub);
        var hostCert = File.ReadAllText(Path.Combine(Keys.Directory, "ssh_host_ed25519_key-cert.pub")).Trim();
        var userCa = File.ReadAllText(UserCa + ".pub").Trim();
        Target.Run($"printf '%s\\n' '{userCa}' > /etc/ssh/provision_test_user_ca.pub && " +
                   $"printf '%s\\n' '{hostCert}' > /etc/ssh/ssh_host_ed25519_key-cert.pub && " +
                   "printf '%s\\n' 'TrustedUserCAKeys /etc/ssh/provision_test_user_ca.pub' 'HostCertificate /etc/ssh/ssh_host_ed25519_key-cert.pub' " +
                   "> /etc/ssh/sshd_config.d/provision-test-ca.conf && sshd -t && systemctl reload ssh");
    }

    /// <summary>A new key (not in any authorized_keys) with a certificate from the user CA for <paramref name="principal"/>.</summary>
    public string CertifiedKey(string directory, string name, string principal = "root")
    {
        var key = Path.Combine(directory, name);
        Keys.Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", key);
        Keys.Run("ssh-keygen", "-q", "-s", UserCa, "-I", name, "-n", principal, "-V", "-5m:+1h", key + ".pub");
        return key;
    }

    public Task DisposeAsync()
    {
        Bastion?.Dispose();
        Target?.Dispose();
        Keys.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>The target as root by its public address, with the lab key and known_hosts.</summary>
    public HostConnection TargetRoot() => new("t-ssh2", Target.Host.Address)
    {
        IdentityFile = RootKey,
        KnownHostsFile = KnownHosts,
        ConnectTimeout = TimeSpan.FromSeconds(10),
    };

    public static async Task<SshRemoteHost> ConnectAsync(HostConnection connection)
    {
        var outcome = await Connect(connection);
        return outcome.ShouldBeOfType<ConnectOutcome.Connected>(outcome.ToString()).Host;
    }

    public static Task<ConnectOutcome> Connect(HostConnection connection) =>
        SshRemoteHost.ConnectAsync(connection, new ConnectOptions(), null, CancellationToken.None);

    /// <summary>Runs a read-only command and returns its trimmed output.</summary>
    public static async Task<string> RunAsync(SshRemoteHost host, string script)
    {
        var result = await host.RunAsync(Command.Script(script), CancellationToken.None);
        result.Ok.ShouldBeTrue(result.Describe());
        return result.Stdout.Trim();
    }
}

/// <summary>All ssh client lab tests share the two instances.</summary>
[CollectionDefinition(Name)]
public sealed class SshLabCollection : ICollectionFixture<SshLab>
{
    public const string Name = "ssh-lab";
}
