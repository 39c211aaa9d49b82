using Provisioner.LabTests.Execution;
using Provisioner.LabTests.Lab;

namespace Provisioner.LabTests.Journal;

public sealed class NetworkManagerRollbackLabFixture() : FreshLabFixture("t-nmroll", "forky");

/// <summary>
/// On a Fedora-like host NetworkManager owns the NICs and their profile's connection.zone binds them
/// to a firewalld zone. A stage that rebinds the LAN NIC and then fails its probe must leave the
/// profile file byte-identical and the NIC back in its zone, at runtime and in NetworkManager.
/// </summary>
[LabFlavor("forky")]
public sealed class NetworkManagerRollbackLabTests(NetworkManagerRollbackLabFixture fx) : IClassFixture<NetworkManagerRollbackLabFixture>
{
    private const string Profile = "/etc/NetworkManager/system-connections/lab-lan0.nmconnection";

    private string NetworkState() => fx.Lab.Run($"""
        stat -c '%n %a %U %G' {Profile}
        md5sum {Profile}
        nmcli -g connection.zone connection show lab-lan0
        nmcli -t -f DEVICE,STATE,CONNECTION device | grep -E '^(pub0|lan0):'
        firewall-cmd --get-zone-of-interface=lan0
        firewall-cmd --get-zone-of-interface=pub0
        firewall-cmd --list-all-zones
        firewall-cmd --permanent --list-all-zones
        """);

    /// <summary>A playbook whose one stage moves lan0 into the work zone, proven by <paramref name="probe"/>.</summary>
    private static Task<string> RebindLan(string probe) => ProvisionCli.WritePlaybookAsync($$"""
        - name: rebind the LAN
          hosts: all
          stages:
            - name: LAN into the work zone
              tasks:
                - name: lan0 in work
                  firewalld: { zone: work, interface: lan0 }
              verify:
                - {{probe}}
        """);

    [LabFact]
    public async Task A_failed_stage_that_rebinds_a_networkmanager_nic_restores_its_profile_and_zone()
    {
        var before = NetworkState();
        before.ShouldContain("internal", Case.Sensitive, "the LAN NIC starts in internal: the test proves nothing otherwise");
        var playbook = await RebindLan("""{ name: a probe that fails, command: { cmd: "test -e /nonexistent/probe" } }""");

        var run = await fx.Provision("apply", playbook);

        run.ExitCode.ShouldBe(1, run.ToString());
        var stage = run.Report!.RootElement.GetProperty("hosts")[0].GetProperty("stages")[0];
        stage.GetProperty("status").GetString().ShouldBe("rolled_back", run.ToString());
        // The task did rebind the NIC (else the restore proves nothing).
        run.Tasks("changed").ShouldBe(["lan0 in work"], run.ToString());
        NetworkState().ShouldBe(before, run.ToString());
        fx.Lab.Run("nmcli -g connection.zone connection show lab-lan0").ShouldBe("internal");
        fx.Lab.Run("firewall-cmd --get-zone-of-interface=lan0").ShouldBe("internal");
    }

    [LabFact]
    public async Task The_rebinding_holds_when_the_stage_verifies_and_a_second_apply_changes_nothing()
    {
        var playbook = await RebindLan("""{ name: lan0 is in work, command: { cmd: "firewall-cmd --get-zone-of-interface=lan0", stdout_contains: work } }""");
        try
        {
            var first = await fx.Provision("apply", playbook);
            first.ExitCode.ShouldBe(2, first.ToString());
            fx.Lab.Run("nmcli -g connection.zone connection show lab-lan0").ShouldBe("work");
            fx.Lab.Run($"grep -x 'zone=work' {Profile}").ShouldBe("zone=work", "the binding is NetworkManager's, kept across reboots");
            // As firewall-cmd --permanent does where NetworkManager owns the NIC: its own zone files keep out of it.
            fx.Lab.Run("grep -l lan0 /etc/firewalld/zones/*.xml || echo none").ShouldBe("none");
            var again = await fx.Provision("apply", playbook);
            again.ExitCode.ShouldBe(0, again.ToString());
        }
        finally
        {
            // Give the other test its starting point back whatever happened above.
            var undo = await fx.Provision("rollback", playbook, "--journal", LabJournals.Newest(fx.Lab, 1));
            undo.ExitCode.ShouldBeOneOf([0, 2], undo.ToString());
        }
        fx.Lab.Run("nmcli -g connection.zone connection show lab-lan0").ShouldBe("internal");
    }
}
