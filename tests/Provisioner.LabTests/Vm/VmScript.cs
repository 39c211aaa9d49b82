using System.Net.NetworkInformation;
using Provisioner.LabTests.Lab;

namespace Provisioner.LabTests.Vm;

/// <summary>tests/vm/vm, run as a user would; its state lives under the lab root (vm/).</summary>
public static class VmScript
{
    public static string Script => Path.Combine(LabInstance.RepoRoot, "tests", "vm", "vm");
    public static string InstancesDir => Path.Combine(LabInstance.LabRoot, "vm", "instances");

    public static Task<LabRun> RunAsync(TimeSpan timeout, params string[] args) => LabInstance.RunScriptAsync(Script, timeout, args);

    /// <summary>
    /// <c>vm up</c> at nice 10: QEMU (which inherits it) then takes the CPU the parallel lab tests
    /// leave idle instead of slowing them down — on two cores, TCG could otherwise starve them.
    /// </summary>
    public static Task<LabRun> UpAsync(TimeSpan timeout, params string[] args) =>
        LabInstance.RunScriptAsync("nice", timeout, ["-n", "10", Script, "up", .. args]);

    public static async Task<LabRun> RunCheckedAsync(TimeSpan timeout, params string[] args)
    {
        var run = await RunAsync(timeout, args);
        if (run.ExitCode != 0)
            throw new InvalidOperationException($"tests/vm/vm {string.Join(' ', args)} failed with exit {run.ExitCode}:\n{run.StdErr}\n{run.StdOut}");
        return run;
    }

    /// <summary>Builds (or finds) the Debian cloud image; returns the path of its qcow2.</summary>
    public static async Task<string> PrepareAsync()
    {
        var run = await RunCheckedAsync(TimeSpan.FromMinutes(30), "prepare");
        return run.StdOut.Trim().Split('\n')[^1];
    }

    /// <summary>Writes the VM's inventory (tests/vm/vm inventory NAME -o FILE) to a temp directory; returns its path.</summary>
    public static async Task<string> InventoryAsync(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"inventory-{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "vm.yml");
        await RunCheckedAsync(TimeSpan.FromMinutes(1), "inventory", name, "-o", path);
        return path;
    }

    public static bool LinkExists(string name) =>
        NetworkInterface.GetAllNetworkInterfaces().Any(n => n.Name == name);

    /// <summary>Runs a host command as root (ip, mkfs, qemu-img …); throws unless it exits 0.</summary>
    public static async Task<string> HostAsync(string file, params string[] args)
    {
        var run = await LabInstance.RunScriptAsync(file, TimeSpan.FromMinutes(10), args);
        if (run.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)}: exit {run.ExitCode}: {run.StdErr}");
        return run.StdOut;
    }
}
