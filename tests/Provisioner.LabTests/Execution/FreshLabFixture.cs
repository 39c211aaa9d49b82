using Provisioner.LabTests.Lab;

namespace Provisioner.LabTests.Execution;

/// <summary>
/// One lab host booted fresh from the image for a test class (an instance of that name left over
/// from an earlier, interrupted run is taken down first), with its inventory (which carries the lab
/// settings site.yml reads). Nothing boots when the flavor cannot boot here (its tests skip by name).
/// </summary>
public abstract class FreshLabFixture(string testName, string flavor = "trixie") : IAsyncLifetime
{
    private readonly string _name = Scoped(testName);

    /// <summary>
    /// The instance name: PROVISIONER_LAB_PREFIX, when set, replaces the leading "t-" (t-fw → t-speed-fw
    /// with PROVISIONER_LAB_PREFIX=t-speed-), so sessions sharing one machine keep to their own instances.
    /// </summary>
    public static string Scoped(string name) =>
        Environment.GetEnvironmentVariable("PROVISIONER_LAB_PREFIX") is { Length: > 0 } prefix && name.StartsWith("t-", StringComparison.Ordinal)
            ? prefix + name[2..]
            : name;

    public LabInstance Lab { get; private set; } = null!;
    public string Inventory { get; private set; } = "";

    /// <summary>Runs `provision ARGS -i INVENTORY` against this host.</summary>
    public Task<CliRun> Provision(params string[] args) => ProvisionCli.RunAsync([.. args, "-i", Inventory]);

    public async Task InitializeAsync()
    {
        if (LabFlavors.Unavailable(flavor) is not null) return;
        await LabInstance.RunLabAsync(TimeSpan.FromMinutes(2), "down", _name);
        Lab = await LabInstance.UpAsync(_name, flavor);
        Inventory = await ProvisionCli.InventoryAsync(_name);
    }

    public Task DisposeAsync()
    {
        Lab?.Dispose();
        return Task.CompletedTask;
    }
}
