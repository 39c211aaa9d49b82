using Provisioner.LabTests.Lab;

namespace Provisioner.LabTests.Vm;

/// <summary>
/// tests/vm/vm refuses bad input before it boots anything, with an error that names the fix, and
/// leaves nothing behind. (An image without cloud-init can only be told by booting it: see
/// <see cref="VmTargetTests"/>.)
/// </summary>
public sealed class VmInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vm-input-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A valid qcow2 with nothing on it: passes the image checks, never gets far enough to boot.</summary>
    private async Task<string> BlankImageAsync()
    {
        var path = Path.Combine(_dir, "blank.qcow2");
        await VmScript.HostAsync("qemu-img", "create", "-q", "-f", "qcow2", path, "16M");
        return path;
    }

    private static async Task<LabRun> Up(params string[] args)
    {
        var run = await VmScript.RunAsync(TimeSpan.FromMinutes(3), ["up", "t-vmbad", .. args]);
        Directory.Exists(Path.Combine(VmScript.InstancesDir, "t-vmbad")).ShouldBeFalse($"a refused up left its instance directory:\n{run.StdErr}");
        return run;
    }

    [Fact]
    public async Task A_missing_image_is_named_with_where_to_get_one()
    {
        var run = await Up("--image", Path.Combine(_dir, "nothing-here.qcow2"));
        run.ExitCode.ShouldBe(1);
        run.StdErr.ShouldContain("nothing-here.qcow2' not found");
        run.StdErr.ShouldContain("tests/vm/vm prepare");
    }

    [Fact]
    public async Task A_file_that_is_no_disk_image_is_refused()
    {
        var path = Path.Combine(_dir, "notes.qcow2");
        await File.WriteAllTextAsync(path, "not a disk\n");
        var run = await Up("--image", path);
        run.ExitCode.ShouldBe(1);
        run.StdErr.ShouldContain("is not a disk image");
    }

    [Fact]
    public async Task Kvm_that_cannot_run_a_guest_says_to_use_tcg()
    {
        var run = await Up("--image", await BlankImageAsync(), "--accel", "kvm", "--boot-timeout", "5");
        run.ExitCode.ShouldBe(1);
        if (run.StdErr.Contains("timeout (5s)", StringComparison.Ordinal))
            return; // KVM works on this machine: it booted the blank disk and gave up after 5 s — nothing to refuse.
        run.StdErr.ShouldContain("--accel kvm: ");
        run.StdErr.ShouldContain("Use --accel tcg");
    }

    [Fact]
    public async Task A_tap_of_the_index_already_on_the_host_is_refused()
    {
        // A leftover device of the lab's naming scheme (plabKp): the VM must not take it over.
        await VmScript.HostAsync("ip", "tuntap", "add", "dev", "plab199p", "mode", "tap");
        try
        {
            var run = await Up("--image", await BlankImageAsync(), "--accel", "tcg", "--index", "199");
            run.ExitCode.ShouldBe(1);
            run.StdErr.ShouldContain("index 199 is taken by host network device plab199p");
            run.StdErr.ShouldContain("ip link del plab199p");
        }
        finally
        {
            await VmScript.HostAsync("ip", "link", "del", "plab199p");
        }
    }

    [Fact]
    public async Task A_bridge_holding_the_index_host_address_is_refused()
    {
        await VmScript.HostAsync("ip", "link", "add", "vmtest-br0", "type", "bridge");
        try
        {
            await VmScript.HostAsync("ip", "addr", "add", "198.18.198.1/24", "dev", "vmtest-br0");
            var run = await Up("--image", await BlankImageAsync(), "--accel", "tcg", "--index", "198");
            run.ExitCode.ShouldBe(1);
            run.StdErr.ShouldContain("index 198 is taken by host address 198.18.198.1 (on vmtest-br0");
            VmScript.LinkExists("plab198p").ShouldBeFalse();
        }
        finally
        {
            await VmScript.HostAsync("ip", "link", "del", "vmtest-br0");
        }
    }

    [Theory]
    [InlineData(new[] { "--accel", "xen" }, "--accel must be kvm or tcg, not 'xen'")]
    [InlineData(new[] { "--index", "0" }, "--index must be a number from 1 to 200")]
    [InlineData(new[] { "--initrd", "/boot/x" }, "--initrd and --append need --kernel")]
    [InlineData(new[] { "--frobnicate" }, "up: unknown option '--frobnicate'")]
    public async Task Bad_options_are_named(string[] args, string message)
    {
        var run = await Up(args);
        run.ExitCode.ShouldBe(1);
        run.StdErr.ShouldContain(message);
    }

    [Fact]
    public async Task Inventory_of_a_vm_that_does_not_exist_says_how_to_start_it()
    {
        var run = await VmScript.RunAsync(TimeSpan.FromMinutes(1), "inventory", "t-vmnone");
        run.ExitCode.ShouldBe(1);
        run.StdErr.ShouldContain("no VM 't-vmnone' (start it: vm up t-vmnone)");
    }
}
