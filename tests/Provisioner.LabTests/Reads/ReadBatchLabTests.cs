using Provisioner.LabTests.Transport;
using Provisioner.Modules;
using Provisioner.Modules.Files;
using Provisioner.Modules.Users;
using Provisioner.Reads;
using Provisioner.Transport;

namespace Provisioner.LabTests.Reads;

/// <summary>
/// Reads sent ahead in one batch over a real connection answer exactly what each answers alone on a
/// real host: paths' file reads made by one stat (FileReads), units' reads by one systemctl show and
/// one is-active against systemd itself (ServiceReads), packages' by one dpkg-query (PackageReads),
/// and account reads with a password to compare,
/// which travels as the batch's input.
/// </summary>
[Collection(TransportLabCollection.Name)]
public sealed class ReadBatchLabTests(TransportLab lab)
{
    private static UserArgs Account(string name, string? password) =>
        new(name, null, null, [], false, false, null, null, false, false, null, null, password, true, false);

    [Fact]
    public async Task Joint_reads_and_reads_with_input_answer_as_each_read_alone()
    {
        await using var host = await TransportLab.ConnectAsync(lab.Root());
        List<AheadRead> reads =
        [
            .. new[] { "/etc/passwd", "/etc/os-release", "/etc", "/dev/null", "/nonexistent", "/etc/shadow" }
                .SelectMany(p => new[] { FileReader.Ahead(p, withContent: true), FileReader.Ahead(p, withContent: false) }),
            .. new[] { "ssh", "systemd-journald.service", "nonexistent-unit", "systemd-networkd-wait-online.service", "sshd" }
                .Select(ServiceModule.ReadAhead),
            PackageModule.ReadAhead(new PackageArgs(["openssh-server", "systemd"], "present", "apt")),
            PackageModule.ReadAhead(new PackageArgs(["provision-no-such-package", "sudo"], "absent", "apt")),
            UserReader.Command(Account("root", "not-the-password")),
            UserReader.Command(Account("nobody", null)),
            UserReader.Command(Account("deploy", "also-wrong")),
        ];
        var batch = new ReadBatch(reads);
        var run = await host.RunAsync(batch.Command, CancellationToken.None);
        run.Ok.ShouldBeTrue(run.Describe());
        var answers = batch.Parse(run.Stdout, run.Duration);
        for (var i = 0; i < reads.Count; i++)
        {
            var alone = await host.RunAsync(reads[i].Command, CancellationToken.None);
            alone.Ok.ShouldBeTrue(alone.Describe());
            answers[i].ShouldNotBeNull($"read {i}");
            answers[i]!.Stdout.ShouldBe(alone.Stdout, $"read {i}");
        }
        // Not vacuous: the joints were used, and what the answers say.
        batch.Command.Render().ShouldContain("Reads several paths as file-read.sh reads each one");
        batch.Command.Render().ShouldContain("Reads several units as service-read.sh reads each one");
        ServiceModule.Parse(answers[12]!.Stdout, "ssh").IsActive.ShouldBeTrue();
        answers[14]!.Stdout.ShouldStartWith("not-found\n");
        answers[19]!.Stdout.ShouldEndWith("@@ password differs\n");
        batch.Command.Render().ShouldContain("The installed packages of several package reads in one process");
        PackageModule.Parse(answers[17]!.Stdout).Installed["openssh-server"].ShouldNotBeNull();
        FileReader.Parse(answers[0]!.Stdout).Content.ShouldNotBeNull();
    }
}
