using System.Net.Sockets;
using Provisioner.LabTests.Execution;
using Provisioner.LabTests.Lab;

namespace Provisioner.LabTests.ModulesLab;

/// <summary>
/// firewalld through the real CLI against a lab host: a port opened on the LAN zone only answers on
/// the LAN address, converges, repairs runtime-only and permanent-only drift without a reload, and
/// closes again with state: disabled.
/// </summary>
public sealed class FirewalldLabTests(FirewallLabFixture fx) : IClassFixture<FirewallLabFixture>
{
    private const int Port = 8025;

    private static async Task<string> PlaybookAsync(string state)
    {
        var path = Path.Combine(Path.GetTempPath(), $"fw-{state}-{Guid.NewGuid():N}.yml");
        await File.WriteAllTextAsync(path, $$"""
            - hosts: all
              tasks:
                - name: lan0 in internal
                  firewalld: { zone: internal, interface: lan0 }
                - name: test port on the LAN
                  firewalld: { zone: internal, port: {{Port}}/tcp, state: {{state}} }
            """);
        return path;
    }

    private static async Task<bool> ConnectsAsync(string address)
    {
        using var client = new TcpClient();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        try
        {
            await client.ConnectAsync(address, Port, cts.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false; // refused (reject rule), unreachable or dropped: closed either way
        }
    }

    [Fact]
    public async Task Opens_a_port_on_the_lan_zone_repairs_drift_and_closes_it_again()
    {
        var lab = fx.Lab;
        var open = await PlaybookAsync("enabled");
        var close = await PlaybookAsync("disabled");
        var Provision = fx.Provision;

        lab.Run($"firewall-cmd -q --permanent --zone=internal --remove-port={Port}/tcp; firewall-cmd -q --zone=internal --remove-port={Port}/tcp; " +
                $"systemctl stop t-http 2>/dev/null; systemd-run -q --unit t-http python3 -m http.server {Port}; echo ok").ShouldBe("ok");
        await WaitListeningAsync(lab);
        (await ConnectsAsync(lab.Host.LanAddress)).ShouldBeFalse("internal does not allow the port yet");

        var check0 = await Provision("check", open);
        check0.ExitCode.ShouldBe(2, check0.ToString());
        check0.Tasks("changed").ShouldBe(["test port on the LAN"], check0.ToString());
        lab.Run($"firewall-cmd --zone=internal --query-port={Port}/tcp || true").ShouldBe("no");
        var apply1 = await Provision("apply", open);
        apply1.ExitCode.ShouldBe(2, apply1.ToString());
        var apply2 = await Provision("apply", open);
        apply2.ExitCode.ShouldBe(0, apply2.ToString());
        var check1 = await Provision("check", open);
        check1.ExitCode.ShouldBe(0, check1.ToString());

        (await ConnectsAsync(lab.Host.LanAddress)).ShouldBeTrue("the LAN zone allows the port");
        (await ConnectsAsync(lab.Host.PubAddress)).ShouldBeFalse("the public zone does not");

        // Drift in runtime only, then in permanent only: each is found by check and repaired by apply.
        foreach (var permanent in new[] { "", "--permanent " })
        {
            lab.Run($"firewall-cmd -q {permanent}--zone=internal --remove-port={Port}/tcp; echo ok").ShouldBe("ok");
            var drift = await Provision("check", open, "--diff");
            drift.ExitCode.ShouldBe(2, drift.ToString());
            drift.Tasks("changed").ShouldBe(["test port on the LAN"], drift.ToString());
            drift.StdErr.ShouldContain("runtime differs from permanent");
            var repair = await Provision("apply", open);
            repair.ExitCode.ShouldBe(2, repair.ToString());
            (await Provision("check", open)).ExitCode.ShouldBe(0);
        }
        lab.Run($"firewall-cmd --permanent --zone=internal --query-port={Port}/tcp; firewall-cmd --zone=internal --query-port={Port}/tcp")
            .ShouldBe("yes\nyes");

        // The NIC moved to another zone at runtime is moved back.
        lab.Run("firewall-cmd -q --zone=public --change-interface=lan0; echo ok").ShouldBe("ok");
        var moved = await Provision("check", open);
        moved.ExitCode.ShouldBe(2, moved.ToString());
        moved.Tasks("changed").ShouldBe(["lan0 in internal"], moved.ToString());
        (await Provision("apply", open)).ExitCode.ShouldBe(2);
        lab.Run("firewall-cmd --get-zone-of-interface=lan0").ShouldBe("internal");

        var close1 = await Provision("apply", close);
        close1.ExitCode.ShouldBe(2, close1.ToString());
        (await Provision("apply", close)).ExitCode.ShouldBe(0);
        (await Provision("check", close)).ExitCode.ShouldBe(0);
        (await ConnectsAsync(lab.Host.LanAddress)).ShouldBeFalse("closed again");
        lab.Run("systemctl stop t-http; echo ok").ShouldBe("ok");
    }

    private static async Task WaitListeningAsync(LabInstance lab)
    {
        for (var i = 0; i < 50; i++)
        {
            if (lab.Run($"ss -Hltn 'sport = :{Port}' | wc -l") != "0") return;
            await Task.Delay(100);
        }
        throw new TimeoutException($"python http.server did not listen on {Port}");
    }
}
