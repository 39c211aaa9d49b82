using Provisioner.LabTests.Lab;
using Provisioner.Transport;

namespace Provisioner.LabTests.Transport;

/// <summary>One lab instance (t-transport, scoped by PROVISIONER_LAB_PREFIX) for all transport tests, and connections to it as each lab user.</summary>
public sealed class TransportLab : IAsyncLifetime
{
    public LabInstance Instance { get; private set; } = null!;
    public string Address => Instance.Host.Address;
    public static string Key(string file) => Path.Combine(LabInstance.KeysDir, file);

    /// <summary>t-transport, or its name under PROVISIONER_LAB_PREFIX, so sessions sharing the machine keep to their own.</summary>
    public static readonly string Name = Execution.FreshLabFixture.Scoped("t-transport");

    public async Task InitializeAsync() => Instance = await LabInstance.UpAsync(Name);

    public Task DisposeAsync()
    {
        Instance?.Dispose();
        return Task.CompletedTask;
    }

    public HostConnection Root(string key = "id_ed25519") => new("t-transport", Address)
    {
        User = "root",
        IdentityFile = Key(key),
        KnownHostsFile = Instance.Host.KnownHosts,
        ConnectTimeout = TimeSpan.FromSeconds(10),
    };

    public HostConnection Deploy() => Root("deploy_ed25519") with { User = "deploy", Become = true };

    public HostConnection SudoPw() => Root("sudopw_ed25519") with
    {
        User = "sudopw",
        Become = true,
        BecomePassword = File.ReadAllText(Key("sudopw.password")).Trim(),
    };

    public static async Task<SshRemoteHost> ConnectAsync(HostConnection connection, bool acceptNew = false)
    {
        var outcome = await SshRemoteHost.ConnectAsync(connection, new ConnectOptions { AcceptNewHostKeys = acceptNew }, null, CancellationToken.None);
        var connected = outcome.ShouldBeOfType<ConnectOutcome.Connected>(outcome.ToString());
        return connected.Host;
    }

    public async Task<string> RootRunAsync(string script)
    {
        await using var host = await ConnectAsync(Root());
        var result = await host.RunAsync(Command.Script(script), CancellationToken.None);
        result.Ok.ShouldBeTrue(result.Describe());
        return result.Stdout.Trim();
    }
}

/// <summary>All transport test classes share one instance: booting is slow and `lab up` of one name is exclusive.</summary>
[CollectionDefinition(Name)]
public sealed class TransportLabCollection : ICollectionFixture<TransportLab>
{
    public const string Name = "transport-lab";
}
