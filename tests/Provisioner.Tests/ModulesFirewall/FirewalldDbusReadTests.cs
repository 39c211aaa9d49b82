using Provisioner.Modules;
using Provisioner.Modules.Firewall;
using Provisioner.Tests.Transport;
using Provisioner.Transport;
using static Provisioner.Tests.ModuleTests.ModuleTestKit;

namespace Provisioner.Tests.ModuleTests;

/// <summary>
/// firewalld-read.sh's D-Bus read, run by a real /bin/sh against a stand-in busctl that answers what
/// firewalld 2.3 answered on the lab (JSON as printed by <c>busctl --json=short</c>), and the parse of
/// those answers into the zones the module plans from. The lab test compares it with firewall-cmd.
/// </summary>
public sealed class FirewalldDbusReadTests : IDisposable
{
    private const string Fw = "org.fedoraproject.FirewallD1";
    internal const string Work = """{"type":"a{sv}","data":[{"short":{"type":"s","data":"Work"},"target":{"type":"s","data":"default"},"services":{"type":"as","data":["ssh","dhcpv6-client"]},"masquerade":{"type":"b","data":false},"sources":{"type":"as","data":["10.1.0.0/16"]},"ports":{"type":"a(ss)","data":[["8025","tcp"],["60000-61000","udp"]]},"rules_str":{"type":"as","data":["rule family=\"ipv4\" source address=\"10.9.0.0/16\" port port=\"25\" protocol=\"tcp\" log prefix=\"a b\"c\" reject"]}}]}""";
    internal const string Block = """{"type":"a{sv}","data":[{"short":{"type":"s","data":"Block"},"target":{"type":"s","data":"%%REJECT%%"},"forward":{"type":"b","data":true}}]}""";
    internal const string Public = """{"type":"a{sv}","data":[{"target":{"type":"s","data":"default"},"services":{"type":"as","data":["ssh"]},"interfaces":{"type":"as","data":["pub0"]}}]}""";

    internal static readonly string PublicPermanent = Public.Replace("\"pub0\"", "", StringComparison.Ordinal);
    internal static readonly string WorkPermanent = Work.Replace("[\"8025\",\"tcp\"],", "", StringComparison.Ordinal);

    private readonly StandInTools _tools = new();
    private string Bin => _tools.Dir;

    public void Dispose() => _tools.Dispose();

    private void Tool(string name, string body) => _tools.Write(name, body);

    /// <summary>
    /// A firewalld with zones block, public (runtime: pub0 bound) and work (permanent: the port 8025 only
    /// at runtime). Every call must say --auto-start=no; firewall-cmd records that it ran.
    /// </summary>
    private void Firewalld(string state = "RUNNING", string failOn = "never")
    {
        Tool("firewall-cmd", $"echo \"$*\" >> {Bin}/firewall-cmd.ran\n");
        Tool("busctl", $$"""
            [ "$1" = --auto-start=no ] || { echo "no --auto-start=no: $*" >&2; exit 9; }
            shift
            case "$*" in *{{failOn}}*) echo "Call failed: Access denied" >&2; exit 1 ;; esac
            case "$*" in
              "get-property {{Fw}} /org/fedoraproject/FirewallD1 {{Fw}} state") echo 's "{{state}}"' ;;
              "--json=short call {{Fw}} /org/fedoraproject/FirewallD1 {{Fw}} getDefaultZone") echo '{"type":"s","data":["public"]}' ;;
              "call {{Fw}} /org/fedoraproject/FirewallD1 {{Fw}}.zone getZones") echo 'as 3 "block" "public" "work"' ;;
              "--json=short call {{Fw}} /org/fedoraproject/FirewallD1 {{Fw}}.zone getZoneSettings2 s block") echo '{{Block}}' ;;
              "--json=short call {{Fw}} /org/fedoraproject/FirewallD1 {{Fw}}.zone getZoneSettings2 s public") echo '{{Public}}' ;;
              "--json=short call {{Fw}} /org/fedoraproject/FirewallD1 {{Fw}}.zone getZoneSettings2 s work") echo '{{Work.Replace("'", "'\\''")}}' ;;
              "call {{Fw}} /org/fedoraproject/FirewallD1/config {{Fw}}.config getZoneNames") echo 'as 3 "block" "public" "work"' ;;
              "call {{Fw}} /org/fedoraproject/FirewallD1/config {{Fw}}.config getZoneByName s block") echo 'o "/org/fedoraproject/FirewallD1/config/zone/0"' ;;
              "call {{Fw}} /org/fedoraproject/FirewallD1/config {{Fw}}.config getZoneByName s public") echo 'o "/org/fedoraproject/FirewallD1/config/zone/6"' ;;
              "call {{Fw}} /org/fedoraproject/FirewallD1/config {{Fw}}.config getZoneByName s work") echo 'o "/org/fedoraproject/FirewallD1/config/zone/8"' ;;
              "--json=short call {{Fw}} /org/fedoraproject/FirewallD1/config/zone/0 {{Fw}}.config.zone getSettings2") echo '{{Block}}' ;;
              "--json=short call {{Fw}} /org/fedoraproject/FirewallD1/config/zone/6 {{Fw}}.config.zone getSettings2") echo '{{PublicPermanent}}' ;;
              "--json=short call {{Fw}} /org/fedoraproject/FirewallD1/config/zone/8 {{Fw}}.config.zone getSettings2") echo '{{WorkPermanent.Replace("'", "'\\''")}}' ;;
              *) echo "unexpected: $*" >&2; exit 2 ;;
            esac
            """);
    }

    private LocalShell.Result Run() => LocalShell.Run($"PATH={ShellQuote.Quote(Bin)}\n" + FirewalldReader.HostCommand.Render());

    /// <summary>The host as this stand-in's busctl read gives it.</summary>
    internal FirewalldHost ReadHost()
    {
        Firewalld();
        var result = Run();
        result.Exit.ShouldBe(0, result.Stderr);
        result.Stdout.ShouldContain("@@ " + DbusZones.Default);
        return FirewalldReader.ParseHost(result.Stdout);
    }

    /// <summary>One line per zone and configuration, sets sorted: two reads of the same host compare equal.</summary>
    internal static string Describe(FirewalldHost host)
    {
        static string Set(IEnumerable<string> items) => string.Join(",", items.Order(StringComparer.Ordinal));
        var lines = new List<string> { $"status={host.Status} default={host.DefaultZone} permanent-default={host.Permanent.DefaultZone}" };
        foreach (var (config, listing) in new[] { ("permanent", host.Permanent), ("runtime", host.Runtime) })
            lines.AddRange(listing.Zones.Select(z => $"{config} {z.Name} target={z.Config.Target} ports={Set(z.Config.Ports)} " +
                $"sources={Set(z.Config.Sources)} services={Set(z.Config.Services)} interfaces={Set(z.Config.Interfaces)} rich={Set(z.Config.RichRules)}"));
        return string.Join("\n", lines);
    }

    [Fact]
    public void Reads_both_configurations_over_dbus_without_starting_firewall_cmd()
    {
        Firewalld();
        var result = Run();
        result.Exit.ShouldBe(0, result.Stderr);
        var host = FirewalldReader.ParseHost(result.Stdout);

        host.Status.ShouldBe(FirewalldStatus.Running);
        File.Exists(Path.Combine(Bin, "firewall-cmd.ran")).ShouldBeFalse("busctl present: no firewall-cmd");
        host.DefaultZone.ShouldBe("public");
        host.Runtime.Zones.Select(z => z.Name).ShouldBe(["block", "public", "work"]);
        host.Permanent.Zones.Select(z => z.Name).ShouldBe(["block", "public", "work"]);
        host.Runtime.ZoneOf("pub0").ShouldBe("public");
        host.Permanent.ZoneOf("pub0").ShouldBeNull();
        host.Runtime.Find("block")!.Target.ShouldBe("%%REJECT%%");
        host.Runtime.Find("block")!.Services.ShouldBeEmpty();
        var work = host.Runtime.Find("work")!;
        work.Services.ShouldBe(["ssh", "dhcpv6-client"], ignoreOrder: true);
        work.Sources.ShouldBe(["10.1.0.0/16"]);
        work.Ports.ShouldBe(["8025/tcp", "60000-61000/udp"], ignoreOrder: true);
        work.RichRules.ShouldBe(["rule family=\"ipv4\" source address=\"10.9.0.0/16\" port port=\"25\" protocol=\"tcp\" log prefix=\"a b\"c\" reject"]);
        work.Target.ShouldBe("default");
        host.Permanent.Find("work")!.Ports.ShouldBe(["60000-61000/udp"]);

        // What the task plans from: the runtime-only port is drift in the permanent configuration.
        var module = new FirewalldModule();
        var args = Bind<FirewalldArgs>(module, "zone: work\nport: 8025/tcp");
        Commands(module.Plan(args, host.For(args))).ShouldBe([FirewalldSteps.OneProcess("firewall-cmd --permanent --zone=work --add-port=8025/tcp")]);
    }

    [Theory]
    [InlineData("INIT")]
    [InlineData("FAILED")]
    public void Firewalld_not_RUNNING_reads_as_not_running(string state)
    {
        Firewalld(state);
        FirewalldReader.ParseHost(Run().Stdout).Status.ShouldBe(FirewalldStatus.NotRunning);
    }

    [Fact]
    public void No_owner_of_the_bus_name_reads_as_not_running_and_firewalld_is_not_activated()
    {
        Firewalld(failOn: " state");
        var result = Run();
        result.Stdout.Trim().ShouldBe("@@ not-running");
        FirewalldReader.ParseHost(result.Stdout).Status.ShouldBe(FirewalldStatus.NotRunning);
    }

    [Fact]
    public void A_failing_call_while_firewalld_runs_fails_the_read_with_its_message()
    {
        Firewalld(failOn: "getSettings2");
        var result = Run();
        result.Exit.ShouldBe(1);
        result.Stderr.ShouldContain("Access denied");
    }

    [Fact]
    public void Without_busctl_the_listings_of_firewall_cmd_are_read()
    {
        Tool("firewall-cmd", """
            case "$*" in
              --state) echo running ;;
              "--permanent --list-all-zones") printf 'work\n  ports: 60000-61000/udp\n\npublic (default)\n  interfaces: \n' ;;
              --list-all-zones) printf 'work (active)\n  ports: 8025/tcp 60000-61000/udp\n\npublic (default, active)\n  interfaces: pub0\n' ;;
              *) echo "unexpected: $*" >&2; exit 2 ;;
            esac
            """);
        var result = Run();
        result.Exit.ShouldBe(0, result.Stderr);
        result.Stdout.ShouldNotContain(DbusZones.Default);
        var host = FirewalldReader.ParseHost(result.Stdout);
        host.Runtime.Find("work")!.Ports.ShouldBe(["8025/tcp", "60000-61000/udp"], ignoreOrder: true);
        host.Permanent.Find("work")!.Ports.ShouldBe(["60000-61000/udp"]);
        host.Runtime.ZoneOf("pub0").ShouldBe("public");
    }

    [Fact]
    public void A_malformed_answer_fails_the_read_naming_what_came()
    {
        var e = Should.Throw<Provisioner.Modules.Files.RemoteReadException>(() => DbusZones.Settings("Call failed: oops"));
        e.Message.ShouldContain("Call failed: oops");
    }
}
