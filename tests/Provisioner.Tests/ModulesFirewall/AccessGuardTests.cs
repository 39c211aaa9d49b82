using Provisioner.HostFacts;
using Provisioner.Modules;
using Provisioner.Modules.Firewall;
using static Provisioner.Tests.ModuleTests.ModuleTestKit;

namespace Provisioner.Tests.ModuleTests;

/// <summary>
/// No firewalld task may close the port the controller logs in on: a Fedora Server host puts its
/// NICs in FedoraServer (ssh, cockpit, dhcpv6-client); moving the controller's NIC to a zone without
/// ssh, or taking ssh out of its zone, is refused before anything changes, naming the fix.
/// </summary>
public class AccessGuardTests
{
    private readonly FirewalldModule _module = new();

    private static string Listing(string defaultZone, params (string Zone, string Services, string Ports, string Interfaces, string Target)[] zones) =>
        string.Concat(zones.Select(z => $"{z.Zone}{(z.Zone == defaultZone ? " (default, active)" : "")}\n  target: {z.Target}\n  interfaces: {z.Interfaces}\n  sources: \n  services: {z.Services}\n  ports: {z.Ports}\n  rich rules: \n\n"));

    /// <summary>A Fedora Server host: enp1s0 (the controller's) in FedoraServer, a public zone without ssh.</summary>
    private static string Host(string publicServices = "mdns dhcpv6-client", string fedoraServices = "ssh cockpit dhcpv6-client", string ports = "")
    {
        var listing = Listing("FedoraServer",
            ("FedoraServer", fedoraServices, ports, "enp1s0", "default"),
            ("public", publicServices, "", "", "default"),
            ("trusted", "", "", "", "ACCEPT"));
        return $"@@ permanent\n{listing}@@ runtime\n{listing}";
    }

    private static Facts Fedora(int port = 22) => FedoraFacts with
    {
        Interfaces = [new NetInterface("enp1s0", ["203.0.113.25/24"]), new NetInterface("enp2s0", ["192.168.1.25/24"])],
        Access = ControllerAccess.For(["203.0.113.25"], port, [new NetInterface("enp1s0", ["203.0.113.25/24"])]),
    };

    private Plan Plan(string yaml, string host, Facts? facts = null)
    {
        var args = Bind<FirewalldArgs>(_module, yaml, facts ?? Fedora());
        return _module.Plan(args, FirewalldReader.Parse(host, args));
    }

    [Fact]
    public void Moving_the_controllers_nic_to_a_zone_without_ssh_is_refused_with_the_fix()
    {
        var refused = Commands(Plan("zone: public\ninterface: enp1s0\nservice: smtp", Host()));
        refused.ShouldHaveSingleItem().ShouldBe("fail: this would close the port the controller logs in on (22/tcp on 203.0.113.25, NIC enp1s0): " +
            "enp1s0 would move to zone public, which would no longer allow it (runtime configuration). Open it there first — a task before this one: " +
            "firewalld: { zone: public, service: ssh } — or leave enp1s0 in zone FedoraServer");
    }

    [Fact]
    public void The_same_move_is_fine_once_the_zone_has_ssh_or_when_the_task_brings_it()
    {
        Commands(Plan("zone: public\ninterface: enp1s0", Host(publicServices: "ssh mdns"))).ShouldNotContain(c => c.StartsWith("fail", StringComparison.Ordinal));
        Commands(Plan("zone: public\ninterface: enp1s0\nservice: [ssh, smtp]", Host())).ShouldNotContain(c => c.StartsWith("fail", StringComparison.Ordinal));
        Commands(Plan("zone: trusted\ninterface: enp1s0", Host())).ShouldNotContain(c => c.StartsWith("fail", StringComparison.Ordinal));
    }

    [Fact]
    public void Removing_ssh_from_the_controllers_zone_is_refused_but_from_another_zone_is_not()
    {
        Commands(Plan("zone: FedoraServer\nservice: ssh\nstate: disabled", Host())).ShouldHaveSingleItem().ShouldContain("zone FedoraServer, where enp1s0 is, would no longer allow it");
        Commands(Plan("zone: public\nservice: ssh\nstate: disabled", Host(publicServices: "ssh"))).ShouldNotContain(c => c.StartsWith("fail", StringComparison.Ordinal));
    }

    [Fact]
    public void A_custom_ssh_port_counts_and_so_does_a_range_that_covers_it()
    {
        var custom = Fedora(port: 2222);
        Commands(Plan("zone: public\ninterface: enp1s0", Host(fedoraServices: "cockpit", ports: "2222/tcp"), custom)).ShouldHaveSingleItem().ShouldContain("port: 2222/tcp");
        Commands(Plan("zone: public\ninterface: enp1s0\nport: 2000-3000/tcp", Host(fedoraServices: "cockpit", ports: "2222/tcp"), custom)).ShouldNotContain(c => c.StartsWith("fail", StringComparison.Ordinal));
    }

    [Fact]
    public void What_lets_the_controller_in_unseen_is_not_judged()
    {
        // FedoraServer shows no ssh here, yet the controller is in (a rich rule, a source zone): the
        // task does not take away anything the guard can see, so it is not refused.
        Commands(Plan("zone: public\ninterface: enp1s0", Host(fedoraServices: "cockpit"))).ShouldNotContain(c => c.StartsWith("fail", StringComparison.Ordinal));
        // And behind NAT the controller's address is on no NIC: nothing to judge either.
        var nat = Fedora() with { Access = new ControllerAccess("198.51.100.7", 22, null) };
        Commands(Plan("zone: public\ninterface: enp1s0", Host(), nat)).ShouldNotContain(c => c.StartsWith("fail", StringComparison.Ordinal));
    }

    [Fact]
    public void The_access_point_is_the_nic_that_holds_the_address_the_controller_connects_to()
    {
        var nics = new[] { new NetInterface("pub0", ["198.18.1.2/24"]), new NetInterface("lan0", ["10.77.1.2/24"]) };
        ControllerAccess.For(["10.77.1.2"], 22, nics).ShouldBe(new ControllerAccess("10.77.1.2", 22, "lan0"));
        ControllerAccess.For(["203.0.113.9"], 2222, nics).ShouldBe(new ControllerAccess("203.0.113.9", 2222, null));
    }
}
