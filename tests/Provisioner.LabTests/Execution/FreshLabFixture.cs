using Provisioner.LabTests.Lab;

namespace Provisioner.LabTests.Execution;

/// <summary>
/// One lab host booted fresh from the image for a test class (an instance of that name left over
/// from an earlier, interrupted run is taken down first), with its inventory (which carries the lab
/// settings site.yml reads).
/// </summary>
public abstract class FreshLabFixture(string name) : IAsyncLifetime
{
    public LabInstance Lab { get; private set; } = null!;
    public string Inventory { get; private set; } = "";

    /// <summary>Runs `provision ARGS -i INVENTORY` against this host.</summary>
    public Task<CliRun> Provision(params string[] args) => ProvisionCli.RunAsync([.. args, "-i", Inventory]);

    public async Task InitializeAsync()
    {
        await LabInstance.RunLabAsync(TimeSpan.FromMinutes(2), "down", name);
        Lab = await LabInstance.UpAsync(name);
        Inventory = await ProvisionCli.InventoryAsync(name);
    }

    public Task DisposeAsync()
    {
        Lab.Dispose();
        return Task.CompletedTask;
    }
}
