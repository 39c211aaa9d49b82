using Provisioner.Journal;
using Provisioner.Modules;
using Provisioner.Modules.Firewall;
using static Provisioner.Tests.ModuleTests.FirewalldSteps;
using static Provisioner.Tests.ModuleTests.ModuleTestKit;

namespace Provisioner.Tests.ModuleTests;

public class FirewalldModuleTests
{
    private readonly FirewalldModule _module = new();

    private const string InternalListAll = """
        internal (active)
          target: default
          interfaces: lan0
          sources: 10.8.0.0/16
          services: dhcpv6-client mdns ssh
          ports: 8025/tcp
          protocols: 
          forward: yes
          rich rules: 
        	rule family="ipv4" source address="10.9.0.0/16" accept
        """;

    private static ZoneConfig Zone(string services = "", string ports = "", string sources = "", string interfaces = "") =>
        ZoneConfig.ParseListAll([$"  interfaces: {interfaces}", $"  sources: {sources}", $"  services: {services}", $"  ports: {ports}"]);

    private static FirewalldState State(ZoneConfig permanent, ZoneConfig runtime, string? ifRuntime = null, string? ifPermanent = null, string? nmConn = null, string? nmZone = null) =>
        new(FirewalldStatus.Running, permanent, runtime, ifRuntime, ifPermanent, nmConn, nmZone);

    [Fact]
    public void The_host_wide_read_goes_ahead_with_the_stage_and_the_costly_rich_rule_read_does_not()
    {
        var args = Bind<FirewalldArgs>(_module, "zone: public\nservice: smtp\nrich_rule: 'rule family=\"ipv4\" source address=\"192.0.2.0/24\" reject'");
        ((IModule)_module).ReadCommands(args).ShouldBe([FirewalldReader.HostCommand]);
    }

    [Fact]
    public void Adds_a_missing_port_to_permanent_and_runtime_without_reload()
    {
        var args = Bind<FirewalldArgs>(_module, "zone: internal\nport: 8025/tcp");
        var plan = _module.Plan(args, State(Zone(), Zone()));
        Commands(plan).ShouldBe([OneProcess(
            "firewall-cmd --permanent --zone=internal --add-port=8025/tcp",
            "firewall-cmd --zone=internal --add-port=8025/tcp")]);
        plan.Changes.Single().Summary.ShouldBe("firewalld zone internal port 8025/tcp: absent → present");
        _module.Plan(args, State(Zone(ports: "8025/tcp"), Zone(ports: "8025/tcp"))).IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void Runtime_drift_is_repaired_in_runtime_only_and_named()
    {
        var args = Bind<FirewalldArgs>(_module, "zone: public\nservice: [smtp, smtp-submission]");
        var plan = _module.Plan(args, State(Zone(services: "ssh smtp smtp-submission"), Zone(services: "ssh smtp-submission")));
        Commands(plan).ShouldBe([OneProcess("firewall-cmd --zone=public --add-service=smtp")]);
        plan.Changes.Single().Summary.ShouldContain("permanent only (runtime differs from permanent)");

        var permanentDrift = _module.Plan(args, State(Zone(services: "smtp"), Zone(services: "smtp smtp-submission")));
        Commands(permanentDrift).ShouldBe([OneProcess("firewall-cmd --permanent --zone=public --add-service=smtp-submission")]);
        permanentDrift.Changes.Single().Before.ShouldBe("runtime only (runtime differs from permanent)");
    }

    [Fact]
    public void Disabled_removes_only_the_listed_items_that_are_present()
    {
        var args = Bind<FirewalldArgs>(_module, "zone: internal\nservice: [pop3, smtp]\nsource: 10.8.0.0/16\nstate: disabled");
        var plan = _module.Plan(args, State(Zone(services: "ssh pop3", sources: "10.8.0.0/16"), Zone(services: "ssh pop3")));
        Commands(plan).ShouldBe([OneProcess(
            "firewall-cmd --permanent --zone=internal --remove-source=10.8.0.0/16",
            "firewall-cmd --permanent --zone=internal --remove-service=pop3",
            "firewall-cmd --zone=internal --remove-service=pop3")]);
    }

    [Fact]
    public void Rich_rules_are_quoted_as_one_argument()
    {
        var args = Bind<FirewalldArgs>(_module, "zone: internal\nrich_rule: 'rule family=\"ipv4\" source address=\"10.9.0.0/16\" accept'");
        Commands(_module.Plan(args, State(Zone(), Zone()))).ShouldBe([OneProcess(
            "firewall-cmd --permanent --zone=internal '--add-rich-rule=rule family=\"ipv4\" source address=\"10.9.0.0/16\" accept'",
            "firewall-cmd --zone=internal '--add-rich-rule=rule family=\"ipv4\" source address=\"10.9.0.0/16\" accept'")]);
    }

    [Fact]
    public void Interface_moves_with_change_interface_in_both_configurations()
    {
        var args = Bind<FirewalldArgs>(_module, "zone: internal\ninterface: lan0");
        var plan = _module.Plan(args, State(Zone(), Zone(), ifRuntime: "public", ifPermanent: "public"));
        Commands(plan).ShouldBe([OneProcess(
            "firewall-cmd --permanent --zone=internal --change-interface=lan0",
            "firewall-cmd --zone=internal --change-interface=lan0")]);
        plan.Changes.Single().Summary.ShouldBe("firewalld interface lan0 zone: public → internal");
        _module.Plan(args, State(Zone(), Zone(), "internal", "internal")).IsEmpty.ShouldBeTrue();
        _module.Journal(args, State(Zone(), Zone(), "public", "public"))
            .ShouldBe([new JournalFirewallZone("internal"), new JournalFirewallZone("public")]);
    }

    [Fact]
    public void Interface_managed_by_NetworkManager_also_sets_the_connection_zone()
    {
        var args = Bind<FirewalldArgs>(_module, "zone: internal\ninterface: enp2s0");
        var plan = _module.Plan(args, State(Zone(), Zone(), ifRuntime: "public", nmConn: "Wired connection 2", nmZone: ""));
        // The permanent binding is the connection's: firewall-cmd itself would set it there (through
        // libnm) and leave its own zone files alone, so only nmcli sets it.
        Commands(plan).ShouldBe([
            "nmcli connection modify 'Wired connection 2' connection.zone internal",
            OneProcess("firewall-cmd --zone=internal --change-interface=enp2s0")]);
        // NetworkManager's zone is the permanent binding: firewalld's zone files need not list the NIC.
        _module.Plan(args, State(Zone(), Zone(), ifRuntime: "internal", nmConn: "Wired connection 2", nmZone: "internal")).IsEmpty.ShouldBeTrue();
    }

    /// <summary>Host-wide read output: both listings with lan0 in internal (runtime) but no zone on disk.</summary>
    private static string HostOutput(string permanentInternal, string runtimeInternal, string nm = "") =>
        "@@ permanent\npublic (default)\n  interfaces: pub0\n  services: ssh\n\n" + permanentInternal.Replace("lan0", "") +
        "\n@@ runtime\npublic (default, active)\n  interfaces: pub0\n  services: ssh\n\n" + runtimeInternal + "\n" + nm;

    [Fact]
    public void Parses_the_read_script_output()
    {
        var args = Bind<FirewalldArgs>(_module, "zone: internal\ninterface: lan0\nrich_rule: rule family=ipv4 source address=10.9.0.0/16 accept");
        var state = FirewalldReader.Parse(HostOutput(InternalListAll, InternalListAll.Replace("8025/tcp", "")), args,
            "@@ rich-permanent 0 yes\n@@ rich-runtime 0 no\n");
        state.Status.ShouldBe(FirewalldStatus.Running);
        state.Permanent.Services.ShouldBe(["dhcpv6-client", "mdns", "ssh"], ignoreOrder: true);
        state.Permanent.Ports.ShouldBe(["8025/tcp"]);
        state.Runtime.Ports.ShouldBeEmpty();
        state.Permanent.Sources.ShouldBe(["10.8.0.0/16"]);
        state.Permanent.RichRules.ShouldBe(["rule family=\"ipv4\" source address=\"10.9.0.0/16\" accept", args.RichRules[0]], ignoreOrder: true);
        state.Runtime.RichRules.ShouldNotContain(args.RichRules[0]);
        (state.InterfaceZoneRuntime, state.InterfaceZonePermanent, state.NmConnection).ShouldBe(("internal", null, null));
        Commands(_module.Plan(args, state)).ShouldBe([OneProcess(
            "firewall-cmd --permanent --zone=internal --change-interface=lan0",
            "firewall-cmd --zone=internal '--add-rich-rule=rule family=ipv4 source address=10.9.0.0/16 accept'")]);
    }

    [Fact]
    public void Parses_list_all_zones_as_firewalld_prints_it()
    {
        // firewalld 2.3 (Debian 13): headers at column 0, tab-indented forward ports and rich rules.
        var listing = ZoneListing.Parse("""
            block
              target: %%REJECT%%
              interfaces: 
              services: 
              rich rules: 

            public (default, active)
              target: default
              interfaces: pub0
              services: dhcpv6-client ssh
              forward-ports: 
            	port=2222:proto=tcp:toport=22:toaddr=
              rich rules: 
            	rule family="ipv4" source address="10.9.0.0/16" accept

            trusted
              sources: 10.8.0.0/16
            """.Split('\n'));
        listing.Zones.Select(z => z.Name).ShouldBe(["block", "public", "trusted"]);
        listing.Find("public")!.Services.ShouldBe(["dhcpv6-client", "ssh"], ignoreOrder: true);
        listing.Find("public")!.RichRules.ShouldBe(["rule family=\"ipv4\" source address=\"10.9.0.0/16\" accept"]);
        listing.Find("trusted")!.Sources.ShouldBe(["10.8.0.0/16"]);
        listing.Find("block")!.Services.ShouldBeEmpty();
        listing.Find("internal").ShouldBeNull();
        (listing.ZoneOf("pub0"), listing.ZoneOf("lan0")).ShouldBe(("public", null));
    }

    [Fact]
    public void Interface_zones_come_from_the_interfaces_lines_of_each_configuration()
    {
        var args = Bind<FirewalldArgs>(_module, "zone: internal\ninterface: pub0");
        // pub0 is in public on disk and in runtime; the task wants it in internal.
        var state = FirewalldReader.Parse(HostOutput(InternalListAll, InternalListAll), args);
        (state.InterfaceZoneRuntime, state.InterfaceZonePermanent).ShouldBe(("public", "public"));
        state.Runtime.Interfaces.ShouldBe(["lan0"]);
        Commands(_module.Plan(args, state)).ShouldBe([OneProcess(
            "firewall-cmd --permanent --zone=internal --change-interface=pub0",
            "firewall-cmd --zone=internal --change-interface=pub0")]);
        // Without an interface in the task nothing about interfaces is reported.
        var noNic = FirewalldReader.Parse(HostOutput(InternalListAll, InternalListAll), Bind<FirewalldArgs>(_module, "zone: internal\nservice: ssh"));
        (noNic.InterfaceZoneRuntime, noNic.InterfaceZonePermanent).ShouldBe((null, null));
    }

    [Fact]
    public void NetworkManager_devices_give_the_connection_and_its_zone()
    {
        var args = Bind<FirewalldArgs>(_module, "zone: internal\ninterface: lan0");
        var nm = "@@ nm lan0\nWired connection 2\ninternal\n@@ nm pub0\nWired connection 1\n\n";
        var state = FirewalldReader.Parse(HostOutput(InternalListAll, InternalListAll, nm), args);
        (state.NmConnection, state.NmZone, state.PermanentBinding).ShouldBe(("Wired connection 2", "internal", "internal"));
        var pub = FirewalldReader.Parse(HostOutput(InternalListAll, InternalListAll, nm), args with { Interface = "pub0" });
        (pub.NmConnection, pub.NmZone, pub.PermanentBinding).ShouldBe(("Wired connection 1", "", null));
        FirewalldReader.Parse(HostOutput(InternalListAll, InternalListAll, nm), args with { Interface = "eth9" }).NmConnection.ShouldBeNull();
    }

    [Fact]
    public void A_zone_only_on_disk_reads_as_empty_at_runtime()
    {
        var args = Bind<FirewalldArgs>(_module, "zone: internal\nservice: smtp");
        var state = FirewalldReader.Parse(HostOutput(InternalListAll, ""), args);
        state.Status.ShouldBe(FirewalldStatus.Running);
        state.Runtime.Services.ShouldBeEmpty();
        Commands(_module.Plan(args, state)).ShouldBe([OneProcess(
            "firewall-cmd --permanent --zone=internal --add-service=smtp",
            "firewall-cmd --zone=internal --add-service=smtp")]);
    }

    [Fact]
    public void Unavailable_firewalld_or_zone_fails_with_the_fix()
    {
        var args = Bind<FirewalldArgs>(_module, "zone: intranet\nservice: smtp");
        Commands(_module.Plan(args, FirewalldReader.Parse("@@ not-installed\n", args))).Single().ShouldContain("firewall-cmd not found");
        Commands(_module.Plan(args, FirewalldReader.Parse("@@ not-running\n", args))).Single().ShouldContain("firewalld is not running");
        // A zone is missing when the permanent listing does not have it.
        Commands(_module.Plan(args, FirewalldReader.Parse(HostOutput(InternalListAll, InternalListAll), args))).Single().ShouldContain("no zone 'intranet'");
    }

    [Fact]
    public void The_host_wide_read_is_the_same_for_every_task_and_cacheable()
    {
        FirewalldReader.HostCommand.ReadOnly.ShouldBeTrue();
        FirewalldReader.HostCommand.Cacheable.ShouldBeTrue();
        FirewalldReader.HostCommand.Render().ShouldNotContain("--get-zone-of-interface");
        FirewalldReader.RichCommand(Bind<FirewalldArgs>(_module, "zone: public\nservice: smtp")).ShouldBeNull();
        var rich = FirewalldReader.RichCommand(Bind<FirewalldArgs>(_module, "zone: public\nrich_rule: rule family=ipv4 reject"))!;
        rich.Render().ShouldContain("--permanent --zone=public '--query-rich-rule=rule family=ipv4 reject'");
    }

    [Fact]
    public void Bad_port_and_empty_task_are_reported()
    {
        BindErrors(_module, "zone: public\nport: 587").Single().Message.ShouldContain("not PORT/PROTO");
        var d = new Yaml.Diagnostics();
        _module.Validate((Yaml.MapNode)Yaml.YamlLoader.LoadText("zone: public", "t.yml", d)!, d);
        d.Items.Single().Message.ShouldContain("needs something to manage");
    }
}
