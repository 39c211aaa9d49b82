using Provisioner.LabTests.Lab;
using Provisioner.Transport;

namespace Provisioner.LabTests.Transport.Ssh;

/// <summary>
/// Two lab instances for the ssh client tests, booted once: t-ssh1 is the bastion, t-ssh2 the target.
/// t-ssh2's LAN address answers ssh only from the bastion (firewalld, runtime only), and the bastion
/// routes to that LAN through the lab host, so a connection that reaches it went through t-ssh1.
/// </summary>
public sealed class SshLab : IAsyncLifetime
{
    public LabInstance Bastion { get; private set; } = null!;
    public LabInstance Target { get; private set; } = null!;

    public static string RootKey => LabInstance.RootEd25519Key;
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
    }

    public Task DisposeAsync()
    {
        Bastion?.Dispose();
        Target?.Dispose();
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
