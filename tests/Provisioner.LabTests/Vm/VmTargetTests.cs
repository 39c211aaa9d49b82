using System.Diagnostics;
using Provisioner.LabTests.Execution;
using Provisioner.LabTests.Lab;
using Xunit.Abstractions;

namespace Provisioner.LabTests.Vm;

/// <summary>
/// One VM at a time (under TCG a VM wants both cores); alongside the other lab tests, at nice 10
/// (<see cref="VmScript.UpAsync"/>).
/// </summary>
[CollectionDefinition(Name)]
public sealed class VmCollection
{
    public const string Name = "VM targets (QEMU)";
}

/// <summary>
/// A real VM from a cloud image: tests/vm/vm builds the Debian cloud image, boots it with QEMU and
/// cloud-init, and the real provision CLI converges site.yml's first three stages on it through the
/// inventory the script writes — then a re-apply changes nothing, check finds no drift, and down
/// leaves nothing behind (the base image never written).
/// </summary>
[Collection(VmCollection.Name)]
public sealed class VmTargetTests(ITestOutputHelper output)
{
    private const string Site = "playbooks/site.yml";

    /// <summary>
    /// Stage 1 by default: stages 1-3 under emulation take 19-27 minutes here, which the whole suite
    /// could not afford within CI's hour (README, "The same path here, without KVM").
    /// </summary>
    private static readonly string Stages = Environment.GetEnvironmentVariable("PROVISION_VM_STAGES") is { Length: > 0 } s ? s : "1";
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(60);

    [Fact]
    public async Task A_debian_cloud_image_boots_and_site_yml_converges_on_it()
    {
        const string name = "t-vm";
        var clock = Stopwatch.StartNew();
        void Lap(string what) => output.WriteLine($"{clock.Elapsed.TotalSeconds,7:0.0} s  {what}");
        await VmScript.RunAsync(TimeSpan.FromMinutes(2), "down", name);
        var image = await VmScript.PrepareAsync();
        var imageBefore = (new FileInfo(image).Length, File.GetLastWriteTimeUtc(image));
        Lap($"image ready: {image}");

        LabHost host;
        try
        {
            var up = await VmScript.UpAsync(TimeSpan.FromMinutes(30), name);
            up.ExitCode.ShouldBe(0, up.StdErr);
            Lap("booted (cloud-init done)");
            var inventory = await VmScript.InventoryAsync(name);
            var yaml = await File.ReadAllTextAsync(inventory);
            host = LabInstance.ParseInventory(yaml, name);
            host.User.ShouldBe("lab");
            yaml.ShouldContain("become: true");
            host.PubAddress.ShouldBe($"198.18.{host.Index}.2");
            host.LanAddress.ShouldBe($"10.77.{host.Index}.2");
            host.BlockedClientAddress.ShouldBe($"198.18.{host.Index}.254");
            host.Flavor.ShouldBe("debian-13");

            // The pinned host key is what both addresses present (LabSsh refuses any key not in known_hosts).
            foreach (var address in new[] { host.PubAddress, host.LanAddress })
            {
                using var ssh = LabSsh.Connect(address, host.Port, host.User, host.IdentityFile, host.KnownHosts);
                ssh.Run("sudo -n true && echo ok").ShouldBe("ok");
            }
            using (var ssh = LabSsh.Connect(host.Address, host.Port, host.User, host.IdentityFile, host.KnownHosts))
            {
                ssh.Run($"sudo readlink -f /etc/letsencrypt/live/{host.Fqdn}/fullchain.pem").ShouldBe($"/etc/letsencrypt/archive/{host.Fqdn}/fullchain1.pem");
                ssh.Run($"sudo test -f /etc/letsencrypt/renewal/{host.Fqdn}.conf && echo ok").ShouldBe("ok");
                ssh.Run("ip -br addr show pub0").ShouldContain($"{host.PubAddress}/24");
            }

            // The guard timer covers one firewall change and a fresh login; under emulation a single
            // firewall-cmd takes seconds, so give it room.
            string[] slow = ["--firewall-guard", "600"];
            var junit = Path.Combine(Path.GetDirectoryName(inventory)!, "apply.xml");
            var apply = await ProvisionCli.RunAsync(Long, ["apply", Site, "-i", inventory, "--stage", Stages, "--junit", junit, .. slow]);
            Lap($"apply --stage {Stages}");
            apply.ExitCode.ShouldBe(2, apply.ToString());
            apply.Tasks("failed").ShouldBeEmpty(apply.ToString());
            var probes = Probes(apply);
            probes.Count.ShouldBeGreaterThanOrEqualTo(4, apply.ToString()); // stage 1 alone has four
            probes.ShouldAllBe(p => p.Passed, apply.ToString());
            (await File.ReadAllTextAsync(junit)).ShouldContain("<testcase");

            var again = await ProvisionCli.RunAsync(Long, ["apply", Site, "-i", inventory, "--stage", Stages, .. slow]);
            Lap("re-apply");
            again.ExitCode.ShouldBe(0, again.ToString());
            again.Tasks("changed").ShouldBeEmpty(again.ToString());

            var check = await ProvisionCli.RunAsync(Long, "check", Site, "-i", inventory, "--stage", Stages);
            Lap("check");
            check.ExitCode.ShouldBe(0, check.ToString());
        }
        finally
        {
            var down = await VmScript.RunAsync(TimeSpan.FromMinutes(3), "down", name);
            Lap("down");
            down.ExitCode.ShouldBe(0, down.StdErr);
        }

        Directory.Exists(Path.Combine(VmScript.InstancesDir, name)).ShouldBeFalse("down left the instance directory (overlay disk)");
        VmScript.LinkExists($"plab{host.Index}p").ShouldBeFalse();
        VmScript.LinkExists($"plab{host.Index}l").ShouldBeFalse();
        (await File.ReadAllLinesAsync(host.KnownHosts)).ShouldNotContain(l => l.StartsWith(host.PubAddress + " ", StringComparison.Ordinal));
        (new FileInfo(image).Length, File.GetLastWriteTimeUtc(image)).ShouldBe(imageBefore, "the base image was written");
    }

    [Fact]
    public async Task An_image_without_cloud_init_is_refused_once_it_has_booted()
    {
        // The lab's root filesystem is such an image: a Debian system with sshd and no cloud-init.
        // It boots with the Debian cloud image's kernel (direct kernel boot).
        var debian = Path.GetDirectoryName(await VmScript.PrepareAsync())!;
        var lab = await LabInstance.RunLabCheckedAsync(TimeSpan.FromMinutes(30), "prepare", "--flavor", "trixie");
        var rootfs = lab.StdOut.Split('\n').Select(l => l.Trim()).Last(l => l.StartsWith("lab: image for trixie ready: ", StringComparison.Ordinal))["lab: image for trixie ready: ".Length..];
        var dir = Directory.CreateTempSubdirectory("vm-nocloud-").FullName;
        try
        {
            var raw = Path.Combine(dir, "disk.raw");
            var image = Path.Combine(dir, "no-cloud-init.qcow2");
            await VmScript.HostAsync("mkfs.ext4", "-q", "-d", rootfs, raw, "2G");
            await VmScript.HostAsync("qemu-img", "convert", "-O", "qcow2", raw, image);
            File.Delete(raw);

            var run = await VmScript.UpAsync(TimeSpan.FromMinutes(20), "t-vmnocloud", "--image", image, "--accel", "tcg",
                "--kernel", Path.Combine(debian, "vmlinuz"), "--initrd", Path.Combine(debian, "initrd.img"),
                // (the lab's root filesystem has no udev: a serial getty would wait 90 s for its device)
                "--append", "root=/dev/vda rw console=ttyS0,115200 loglevel=4 systemd.mask=serial-getty@ttyS0.service");
            run.ExitCode.ShouldBe(1, run.StdErr);
            run.StdErr.ShouldContain("finished booting without running cloud-init");
            run.StdErr.ShouldContain("has no cloud-init");
            Directory.Exists(Path.Combine(VmScript.InstancesDir, "t-vmnocloud")).ShouldBeFalse("the failed up left its instance behind");
        }
        finally
        {
            await VmScript.RunAsync(TimeSpan.FromMinutes(2), "down", "t-vmnocloud");
            Directory.Delete(dir, recursive: true);
        }
    }

    private sealed record Probe(string Name, bool Passed);

    private static List<Probe> Probes(CliRun run) => run.Report is null ? [] :
        run.Report.RootElement.GetProperty("hosts").EnumerateArray()
            .SelectMany(h => h.GetProperty("stages").EnumerateArray())
            .SelectMany(s => s.GetProperty("probes").EnumerateArray())
            .Select(p => new Probe(p.GetProperty("name").GetString()!, p.GetProperty("passed").GetBoolean())).ToList();
}
