using Provisioner.Execution;
using Provisioner.Modules;
using Provisioner.Modules.Firewall;
using Provisioner.Reporting;
using Provisioner.Templating;
using static Provisioner.Tests.ModuleTests.ModuleTestKit;

namespace Provisioner.Tests.ModuleTests;

/// <summary>
/// Issue 25, item 11: moving a NIC out of FedoraServer closes cockpit (9090) and whatever else that zone
/// opened. The plan names what the NIC loses, and the run shows it without --diff or -v.
/// </summary>
public sealed class ZoneMoveLossTests
{
    private readonly FirewalldModule _module = new();

    /// <summary>`firewall-cmd --list-all-zones` of a Fedora Server: both NICs in FedoraServer, cockpit also on a port.</summary>
    private const string Listing =
        "FedoraServer (default, active)\n  target: default\n  interfaces: enp1s0 enp2s0\n  sources: \n  services: cockpit dhcpv6-client ssh\n  ports: 9090/tcp\n  rich rules: \n\n" +
        "internal\n  target: default\n  interfaces: \n  sources: \n  services: dhcpv6-client mdns samba-client ssh\n  ports: \n  rich rules: \n\n" +
        "public\n  target: default\n  interfaces: \n  sources: \n  services: dhcpv6-client mdns ssh\n  ports: \n  rich rules: \n\n" +
        "trusted\n  target: ACCEPT\n  interfaces: \n  sources: \n  services: \n  ports: \n  rich rules: \n\n";

    private Plan Plan(string yaml)
    {
        var args = Bind<FirewalldArgs>(_module, yaml, FedoraFacts);
        return _module.Plan(args, FirewalldReader.Parse($"@@ permanent\n{Listing}@@ runtime\n{Listing}", args));
    }

    [Fact]
    public void Moving_a_nic_out_of_fedora_server_names_what_it_loses()
    {
        var plan = Plan("zone: internal\ninterface: enp2s0\nservice: smtp");
        plan.Changes.Select(c => c.Summary).ShouldContain(
            "firewalld: what enp2s0 loses leaving zone FedoraServer for internal: service cockpit, port 9090/tcp → closed");
        plan.Changes.Single(c => c.Subject.StartsWith("firewalld: what", StringComparison.Ordinal)).Notice.ShouldBeTrue();
    }

    [Fact]
    public void What_the_task_opens_in_the_new_zone_is_not_lost_and_a_move_that_loses_nothing_says_nothing()
    {
        Plan("zone: internal\ninterface: enp2s0\nservice: [cockpit]").Changes.Select(c => c.Summary)
            .ShouldContain("firewalld: what enp2s0 loses leaving zone FedoraServer for internal: port 9090/tcp → closed");
        Plan("zone: trusted\ninterface: enp2s0").Changes.ShouldNotContain(c => c.Subject.StartsWith("firewalld: what", StringComparison.Ordinal));
        Plan("zone: FedoraServer\ninterface: enp2s0\nservice: smtp").Changes.ShouldNotContain(c => c.Subject.StartsWith("firewalld: what", StringComparison.Ordinal));
    }

    [Fact]
    public void The_run_shows_the_loss_at_every_verbosity_other_changes_only_with_diff_or_v()
    {
        var changes = Plan("zone: internal\ninterface: enp2s0\nservice: smtp").Changes;
        var output = new StringWriter();
        var reporter = new ConsoleReporter(output, check: false, diff: false, 0, new SecretSet(), new ConsoleStyle(Color: false, Live: false, Width: 80), stageCount: 8);
        reporter.TaskFinished(new TaskResult("mail1", "smtp", "LAN NIC in zone internal", RunStatus.Changed, changes, null, TimeSpan.FromSeconds(1)));
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.ShouldBe([
            "[mail1]   task LAN NIC in zone internal: changed (1.0s)",
            "    firewalld: what enp2s0 loses leaving zone FedoraServer for internal: service cockpit, port 9090/tcp → closed",
        ]);
    }
}
