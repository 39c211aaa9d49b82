using Provisioner.HostFacts;
using Provisioner.Modules;
using Provisioner.Modules.Firewall;
using Provisioner.Reporting;
using Provisioner.Templating;
using static Provisioner.Tests.ModuleTests.ModuleTestKit;

namespace Provisioner.Tests.ModuleTests;

/// <summary>
/// Issue 25, item 9: the lock-out check takes the host's side of the connection from $SSH_CONNECTION on
/// the host, so it works behind NAT, a port forward, a floating address or a jump host; where no NIC
/// holds that address, the run's output says the check is off instead of skipping it silently.
/// </summary>
public sealed class ControllerAccessTests
{
    /// <summary>facts.sh's output on a Fedora Server behind a router: enp1s0 public-side, enp2s0 the LAN.</summary>
    private static Facts HostFacts(string sshConnection) => FactsReader.Parse($"""
        os_id=fedora
        os_version=43
        user=admin
        ssh_connection={sshConnection}
        if=lo 127.0.0.1/8
        if=enp1s0 192.0.2.25/24
        if=enp2s0 192.168.1.25/24
        """);

    [Fact]
    public void Behind_a_port_forward_the_nic_and_port_are_the_ones_the_host_saw()
    {
        // The inventory names the router's address and its forwarded port; sshd saw enp2s0's address, port 22.
        var facts = HostFacts("198.51.100.7 50022 192.168.1.25 22");
        var access = ControllerAccess.For(["203.0.113.99"], 2222, facts);
        access.ShouldBe(new ControllerAccess("192.168.1.25", 22, "enp2s0"));
        access.Unchecked.ShouldBeNull();

        // So moving enp2s0 into a zone without ssh is refused, as it would be without the NAT.
        var module = new FirewalldModule();
        var args = Bind<FirewalldArgs>(module, "zone: public\ninterface: enp2s0\nservice: smtp", FedoraFacts with { Access = access });
        const string listing = "FedoraServer (default, active)\n  target: default\n  interfaces: enp2s0\n  sources: \n  services: ssh cockpit\n  ports: \n  rich rules: \n\n" +
                               "public\n  target: default\n  interfaces: \n  sources: \n  services: mdns\n  ports: \n  rich rules: \n\n";
        Commands(module.Plan(args, FirewalldReader.Parse($"@@ permanent\n{listing}@@ runtime\n{listing}", args)))
            .ShouldHaveSingleItem().ShouldStartWith("fail: this would close the port the controller logs in on (22/tcp on 192.168.1.25, NIC enp2s0)");
    }

    [Theory]
    [InlineData("2001:db8::7 50022 ::ffff:192.0.2.25 22", "192.0.2.25", 22)]
    [InlineData("2001:db8::7 50022 2001:db8::25 2222", "2001:db8::25", 2222)]
    [InlineData("", null, 0)]
    [InlineData("not an ssh connection", null, 0)]
    public void The_server_half_of_ssh_connection(string value, string? address, int port) =>
        SshEndpoint.FromSshConnection(value).ShouldBe(address is null ? null : new SshEndpoint(address, port));

    [Fact]
    public void Where_no_nic_holds_the_address_the_run_says_the_check_is_off()
    {
        var unknown = ControllerAccess.For(["203.0.113.99"], 2222, HostFacts("198.51.100.7 50022 100.64.0.9 22"));
        unknown.Interface.ShouldBeNull();
        unknown.Unchecked.ShouldBe("the SSH connection arrives on 100.64.0.9 port 22, an address no NIC of this host holds: firewalld tasks cannot check that they leave that port open");
        ControllerAccess.For(["203.0.113.99"], 2222, HostFacts("")).Unchecked.ShouldBe(
            "the SSH connection arrives on 203.0.113.99 port 2222, an address no NIC of this host holds (and sshd gave no SSH_CONNECTION): firewalld tasks cannot check that they leave that port open");
        ControllerAccess.For(["203.0.113.99"], 2222, HostFacts("127.0.0.1 40000 127.0.0.1 22")).Unchecked.ShouldNotBeNull().ShouldContain("loopback");

        var output = new StringWriter();
        new ConsoleReporter(output, check: true, diff: false, 0, new SecretSet(), new ConsoleStyle(Color: false, Live: false, Width: 80), stageCount: 8)
            .HostConnected("mail1", HostFacts("") with { Access = unknown });
        output.ToString().ShouldBe($"[mail1] note: {unknown.Unchecked}\n");
    }
}
