using Provisioner.Transport;
using Provisioner.Transport.SshConfig;

namespace Provisioner.LabTests.Transport.Ssh;

/// <summary>
/// The target's LAN address answers ssh only from the bastion (see <see cref="SshLab"/>): reaching it
/// proves the session went through the bastion, which $SSH_CONNECTION on the target confirms.
/// </summary>
[Collection(SshLabCollection.Name)]
public sealed class ProxyJumpLabTests(SshLab lab)
{
    private HostConnection TargetLan(string commonArgs) => lab.TargetRoot() with
    {
        Address = lab.Target.Host.LanAddress,
        SshConfig = SshClientArgs.Parse(commonArgs).Args!,
        Set = InventorySet.Identity | InventorySet.KnownHosts,
    };

    [Fact]
    public async Task The_lan_address_is_not_reachable_directly()
    {
        var outcome = await SshLab.Connect(lab.TargetRoot() with { Address = lab.Target.Host.LanAddress, ConnectTimeout = TimeSpan.FromSeconds(3) });
        outcome.ShouldBeOfType<ConnectOutcome.Failed>().Kind.ShouldBe(ConnectFailure.Unreachable);
    }

    [Theory]
    [InlineData("-o ProxyJump=root@{0}:22")]
    [InlineData("-J {0}")]
    public async Task Reaches_the_lan_address_through_the_bastion(string commonArgs)
    {
        await using var host = await SshLab.ConnectAsync(TargetLan(string.Format(commonArgs, lab.Bastion.Host.PubAddress)));

        host.Connection.Jumps.ShouldHaveSingleItem().Address.ShouldBe(lab.Bastion.Host.PubAddress);
        var connection = (await SshLab.RunAsync(host, "echo $SSH_CONNECTION")).Split(' ');
        (connection[0], connection[2]).ShouldBe((lab.Bastion.Host.PubAddress, lab.Target.Host.LanAddress));
    }

    [Fact]
    public async Task A_closed_port_behind_the_bastion_is_unreachable_naming_the_bastion()
    {
        var outcome = await SshLab.Connect(TargetLan($"-J {lab.Bastion.Host.PubAddress}") with { Port = 2, Set = InventorySet.Identity | InventorySet.KnownHosts | InventorySet.Port });

        var failed = outcome.ShouldBeOfType<ConnectOutcome.Failed>();
        failed.Kind.ShouldBe(ConnectFailure.Unreachable);
        failed.Message.ShouldStartWith($"cannot reach root@[{lab.Target.Host.LanAddress}]:2 through root@{lab.Bastion.Host.PubAddress} after 3 attempts: ");
        failed.Message.ShouldContain("AllowTcpForwarding");
    }

    [Fact]
    public async Task Goes_through_two_bastions_in_order()
    {
        // t-ssh1, then t-ssh2 by its public address, then t-ssh2's own LAN address (local to the second bastion).
        var jumps = $"-J root@{lab.Bastion.Host.PubAddress},root@{lab.Target.Host.PubAddress}";
        await using var host = await SshLab.ConnectAsync(TargetLan(jumps));

        host.Connection.Jumps.Select(j => j.Address).ShouldBe([lab.Bastion.Host.PubAddress, lab.Target.Host.PubAddress]);
        (await SshLab.RunAsync(host, "echo $SSH_CONNECTION")).Split(' ')[2].ShouldBe(lab.Target.Host.LanAddress);
    }

    [Fact]
    public async Task A_bastion_whose_host_key_is_not_known_is_refused_naming_it()
    {
        // known_hosts that trusts only the target: the bastion's key is checked like any host's.
        var knownHosts = Path.GetTempFileName();
        try
        {
            var targetLines = File.ReadAllLines(lab.KnownHosts).Where(l => l.StartsWith(lab.Target.Host.LanAddress + " ", StringComparison.Ordinal));
            File.WriteAllLines(knownHosts, targetLines);

            var outcome = await SshLab.Connect(TargetLan($"-J {lab.Bastion.Host.PubAddress}") with { KnownHostsFile = knownHosts });

            var failed = outcome.ShouldBeOfType<ConnectOutcome.Failed>();
            failed.Kind.ShouldBe(ConnectFailure.HostKeyUnknown);
            failed.Message.ShouldStartWith($"host key for {lab.Bastion.Host.PubAddress} is not in {knownHosts}");
            failed.Message.ShouldEndWith("(jump host of t-ssh2)");
        }
        finally
        {
            File.Delete(knownHosts);
        }
    }

    [Fact]
    public async Task The_target_behind_the_bastion_is_verified_too()
    {
        var knownHosts = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(knownHosts, File.ReadAllLines(lab.KnownHosts).Where(l => l.StartsWith(lab.Bastion.Host.PubAddress + " ", StringComparison.Ordinal)));

            var outcome = await SshLab.Connect(TargetLan($"-J {lab.Bastion.Host.PubAddress}") with { KnownHostsFile = knownHosts });

            var failed = outcome.ShouldBeOfType<ConnectOutcome.Failed>();
            failed.Kind.ShouldBe(ConnectFailure.HostKeyUnknown);
            failed.Message.ShouldStartWith($"host key for {lab.Target.Host.LanAddress} is not in {knownHosts}");
        }
        finally
        {
            File.Delete(knownHosts);
        }
    }
}
