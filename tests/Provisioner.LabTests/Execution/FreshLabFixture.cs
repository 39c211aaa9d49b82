using Provisioner.LabTests.Lab;

namespace Provisioner.LabTests.Execution;

/// <summary>
/// One lab host booted fresh from the image for a test class (an instance of that name left over
/// from an earlier, interrupted run is taken down first), with its inventory (which carries the lab
/// settings site.yml reads). Nothing boots when the flavor cannot boot here (its tests skip by name).
/// </summary>
public abstract class FreshLabFixture(string name, string flavor = "trixie") : IAsyncLifetime
{
    public LabInstance Lab { get; private set; } = null!;
    public string Inventory { get; private set; } = "";

    /// <summary>Runs `provision ARGS -i INVENTORY` against this host.</summary>
    public Task<CliRun> Provision(params string[] args) => ProvisionCli.RunAsync([.. args, "-i", Inventory]);

    public async Task InitializeAsync()
    {
        if (LabFlavors.Unavailable(flavor) is not null) return;
        await LabInstance.RunLabAsync(TimeSpan.FromMinutes(2), "down", name);
        Lab = await LabInstance.UpAsync(name, flavor);
        Inventory = await ProvisionCli.InventoryAsync(name);
    }

    public Task DisposeAsync()
    {
        Lab?.Dispose();
        return Task.CompletedTask;
    }
}
