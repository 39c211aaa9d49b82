using System.Diagnostics;
using Provisioner.Transport;
using TransportKnownHosts = Provisioner.Transport.KnownHosts;

namespace Provisioner.LabTests.Transport;

[Collection(TransportLabCollection.Name)]
public sealed class SshConnectTests(TransportLab lab)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [InlineData("id_ed25519")]
    [InlineData("id_rsa")]
    public async Task Connects_with_ed25519_and_rsa_keys(string key)
    {
        await using var host = await TransportLab.ConnectAsync(lab.Root(key));
        var result = await host.RunAsync(Command.Read("id", "-un"), None);
        result.ExitStatus.ShouldBe(0);
        result.Stdout.ShouldBe("root\n");
    }

    [Fact]
    public async Task Unknown_host_key_fails_with_its_fingerprint_and_the_fix()
    {
        using var kh = new TempKnownHosts("");
        var outcome = await Connect(lab.Root() with { KnownHostsFile = kh.Path });

        var failed = outcome.ShouldBeOfType<ConnectOutcome.Failed>();
        failed.Kind.ShouldBe(ConnectFailure.HostKeyUnknown);
        failed.Message.ShouldContain($"host key for {lab.Address} is not in {kh.Path} (ED25519 {LabFingerprint()})");
        failed.Message.ShouldContain("--accept-new-host-keys");
        File.ReadAllText(kh.Path).ShouldBeEmpty();
    }

    [Fact]
    public async Task Accepting_new_host_keys_records_the_key_and_connects()
    {
        using var kh = new TempKnownHosts("");
        await using (var host = await TransportLab.ConnectAsync(lab.Root() with { KnownHostsFile = kh.Path }, acceptNew: true))
        {
            (await host.RunAsync(Command.Read("true"), None)).Ok.ShouldBeTrue();
        }

        var line = File.ReadAllText(kh.Path).Trim();
        line.ShouldStartWith(lab.Address + " ssh-ed25519 ");
        HostKeyFingerprint.Sha256(Convert.FromBase64String(line.Split(' ')[2])).ShouldBe(LabFingerprint());

        // Now known: a plain connect succeeds without the option.
        (await Connect(lab.Root() with { KnownHostsFile = kh.Path })).ShouldBeOfType<ConnectOutcome.Connected>();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_changed_host_key_is_refused_even_when_accepting_new_keys(bool acceptNew)
    {
        var otherKey = File.ReadAllText(TransportLab.Key("deploy_ed25519.pub")).Split(' ');
        var content = $"{lab.Address} {otherKey[0]} {otherKey[1]}\n";
        using var kh = new TempKnownHosts(content);

        var outcome = await Connect(lab.Root() with { KnownHostsFile = kh.Path }, acceptNew);

        var failed = outcome.ShouldBeOfType<ConnectOutcome.Failed>();
        failed.Kind.ShouldBe(ConnectFailure.HostKeyChanged);
        failed.Message.ShouldContain("CHANGED");
        failed.Message.ShouldContain(LabFingerprint());
        failed.Message.ShouldContain($"ssh-keygen -R {lab.Address} -f {kh.Path}");
        File.ReadAllText(kh.Path).ShouldBe(content);
    }

    [Fact]
    public async Task Nothing_at_the_address_is_unreachable_quickly()
    {
        var clock = Stopwatch.StartNew();
        var outcome = await Connect(lab.Root() with { Address = "198.18.199.2", ConnectTimeout = TimeSpan.FromSeconds(2) });

        var failed = outcome.ShouldBeOfType<ConnectOutcome.Failed>();
        failed.Kind.ShouldBe(ConnectFailure.Unreachable);
        failed.Message.ShouldContain("198.18.199.2");
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(15)); // 3 attempts of 2 s plus backoff
    }

    [Fact]
    public async Task A_closed_port_is_unreachable()
    {
        var outcome = await Connect(lab.Root() with { Address = "127.0.0.1", Port = 1, ConnectTimeout = TimeSpan.FromSeconds(2) });
        var failed = outcome.ShouldBeOfType<ConnectOutcome.Failed>();
        failed.Kind.ShouldBe(ConnectFailure.Unreachable);
        failed.Message.ShouldContain("[127.0.0.1]:1");
    }

    [Fact]
    public async Task A_key_the_user_does_not_accept_is_an_auth_failure()
    {
        var outcome = await Connect(lab.Root() with { User = "deploy" });
        var failed = outcome.ShouldBeOfType<ConnectOutcome.Failed>();
        failed.Kind.ShouldBe(ConnectFailure.AuthFailed);
        failed.Message.ShouldContain("authorized_keys");
    }

    [Fact]
    public async Task A_missing_identity_file_is_an_auth_failure_naming_the_setting()
    {
        var outcome = await Connect(lab.Root() with { IdentityFile = "/nonexistent/key" });
        var failed = outcome.ShouldBeOfType<ConnectOutcome.Failed>();
        failed.Kind.ShouldBe(ConnectFailure.AuthFailed);
        failed.Message.ShouldContain("identity_file");
    }

    private static Task<ConnectOutcome> Connect(HostConnection c, bool acceptNew = false) =>
        SshRemoteHost.ConnectAsync(c, new ConnectOptions { AcceptNewHostKeys = acceptNew }, null, None);

    /// <summary>The fingerprint of the key the lab recorded for the instance (independent of our parser).</summary>
    private string LabFingerprint()
    {
        var line = File.ReadAllLines(lab.Instance.Host.KnownHosts)
            .Select(l => l.Split(' '))
            .First(f => f.Length >= 3 && f[0].Split(',').Contains(lab.Address) && f[1] == "ssh-ed25519");
        return HostKeyFingerprint.Sha256(Convert.FromBase64String(line[2]));
    }

    private sealed class TempKnownHosts : IDisposable
    {
        public string Path { get; } = System.IO.Path.GetTempFileName();
        public TempKnownHosts(string content) => File.WriteAllText(Path, content);
        public void Dispose() => File.Delete(Path);
    }

    [Fact]
    public void Lab_known_hosts_parses_with_our_reader() =>
        TransportKnownHosts.Load(lab.Instance.Host.KnownHosts).KnownKeyTypes(lab.Address, 22).ShouldContain("ssh-ed25519");
}
