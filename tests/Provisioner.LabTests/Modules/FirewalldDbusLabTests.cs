using Provisioner.LabTests.Execution;
using Provisioner.Modules.Firewall;
using Provisioner.Transport;

namespace Provisioner.LabTests.ModulesLab;

public sealed class FirewallDbusLabFixture() : FreshLabFixture("t-fwdbus");

/// <summary>
/// The host-wide firewalld read against a real firewalld: over D-Bus (one python3 process, or
/// busctl) it gives the same zones as firewall-cmd's listings in both configurations; writes over D-Bus
/// (one python3 process) leave firewalld as firewall-cmd's do; and within one run a read after a
/// firewalld write sees the write, and a change made by another task between two firewalld tasks is seen.
/// </summary>
public sealed class FirewalldDbusLabTests(FirewallDbusLabFixture fx) : IClassFixture<FirewallDbusLabFixture>
{
    private const string Rule1 = "rule family=ipv4 source address=10.0.0.0/8 service name=smtp accept";
    private const string Rule2 = "rule family=\"ipv4\" source address=\"10.9.0.0/16\" port port=\"25\" protocol=\"tcp\" log prefix=\"a b\" reject";

    /// <summary>The read script as the program sends it, with PATH set first (the lab's own when null).</summary>
    private string Read(string? path = null) =>
        fx.Lab.Run((path is null ? "" : $"PATH={path} ") + "/bin/sh -c " + ShellQuote.Quote(FirewalldReader.HostCommand.Render()));

    [Fact]
    public void The_dbus_read_gives_the_zones_firewall_cmd_gives_in_both_configurations()
    {
        var q = (string s) => ShellQuote.Quote(s);
        // Runtime and permanent made to differ in every part the module reads.
        fx.Lab.Run(string.Join("; ",
            "set -e",
            "firewall-cmd -q --zone=internal --change-interface=lan0",
            "firewall-cmd -q --permanent --zone=internal --add-interface=lan0",
            "firewall-cmd -q --zone=work --add-port=8025/tcp --add-port=60000-61000/udp",
            "firewall-cmd -q --permanent --zone=work --add-port=8026/tcp",
            "firewall-cmd -q --zone=work --add-source=10.1.0.0/16",
            "firewall-cmd -q --permanent --zone=dmz --add-source=10.2.0.0/16",
            "firewall-cmd -q --zone=work --add-service=smtp --add-service=pop3s",
            "firewall-cmd -q --permanent --zone=home --add-service=imaps",
            $"firewall-cmd -q --zone=work --add-rich-rule={q(Rule1)}",
            $"firewall-cmd -q --permanent --zone=work --add-rich-rule={q(Rule2)}",
            "firewall-cmd -q --permanent --zone=work --set-target=ACCEPT",
            "firewall-cmd -q --permanent --zone=dmz --set-target=DROP",
            "echo ok")).ShouldBe("ok");

        var python = Read();
        python.ShouldStartWith("@@ dbus-python\n", customMessage: "python3 with dbus-python is on the lab: its one-process read is taken");
        fx.Lab.Run("mkdir -p /tmp/busctl-only /tmp/no-busctl && ln -sf /usr/bin/busctl /usr/bin/firewall-cmd /tmp/busctl-only/ && " +
            "ln -sf /usr/bin/firewall-cmd /tmp/no-busctl/ && echo ok").ShouldBe("ok");
        var dbus = Read("/tmp/busctl-only");
        dbus.ShouldContain("@@ " + DbusZones.Default, customMessage: "no python3: busctl's read is taken");
        dbus.ShouldNotContain("@@ dbus-python");
        var cli = Read("/tmp/no-busctl");
        cli.ShouldNotContain("@@ " + DbusZones.Default);

        var (viaDbus, viaCli) = (Describe(FirewalldReader.ParseHost(dbus)), Describe(FirewalldReader.ParseHost(cli)));
        viaDbus.ShouldBe(viaCli);
        Describe(FirewalldReader.ParseHost(python)).ShouldBe(viaDbus);
        // Not vacuous: the parts set above are there.
        viaDbus.ShouldContain("runtime work target=default ports=60000-61000/udp,8025/tcp");
        viaDbus.ShouldContain("permanent work target=ACCEPT ports=8026/tcp");
        viaDbus.ShouldContain("permanent dmz target=DROP");
        viaDbus.ShouldContain("permanent internal target=default ports= sources= services=dhcpv6-client,mdns,samba-client,ssh interfaces=lan0");
        viaDbus.ShouldContain("runtime work target=default ports=60000-61000/udp,8025/tcp sources=10.1.0.0/16");
        viaDbus.ShouldContain(Rule2.Replace("\"", "", StringComparison.Ordinal), Case.Sensitive);
    }

    /// <summary>One line per zone and configuration, sets sorted, rich rules without quotes (firewalld normalises them).</summary>
    private static string Describe(FirewalldHost host)
    {
        static string Set(IEnumerable<string> items) => string.Join(",", items.Order(StringComparer.Ordinal));
        var lines = new List<string> { $"status={host.Status} default={host.DefaultZone} permanent-default={host.Permanent.DefaultZone}" };
        foreach (var (config, listing) in new[] { ("permanent", host.Permanent), ("runtime", host.Runtime) })
            lines.AddRange(listing.Zones.Select(z => $"{config} {z.Name} target={z.Config.Target} ports={Set(z.Config.Ports)} " +
                $"sources={Set(z.Config.Sources)} services={Set(z.Config.Services)} interfaces={Set(z.Config.Interfaces)} " +
                $"rich={Set(z.Config.RichRules.Select(r => r.Replace("\"", "", StringComparison.Ordinal)))}"));
        return string.Join("\n", lines);
    }

    /// <summary>
    /// The write script with firewall-cmd out of reach (a stand-in that fails), so python3 made every
    /// call over D-Bus; or with python3 out of reach, so firewall-cmd made each. Its output and warnings.
    /// </summary>
    private string Write(bool dbus, IReadOnlyList<Command> calls) =>
        fx.Lab.Run((dbus ? "PATH=/tmp/write-dbus" : "PATH=/tmp/write-cli") + " /bin/sh -c " + ShellQuote.Quote(FirewalldWrite.Of(calls).Render()) + " 2>&1");

    /// <summary>What firewalld has (both configurations, as read), and the zone files it wrote.</summary>
    private (string State, string Files) Snapshot() =>
        (Describe(FirewalldReader.ParseHost(Read())), fx.Lab.Run("cd /etc/firewalld/zones && for f in *.xml; do [ -e \"$f\" ] || continue; echo \"== $f\"; cat \"$f\"; done"));

    private static Command Cmd(params string[] args) => Command.Of([.. args.Prepend("firewall-cmd").Select(a => (Arg)a)]);

    [Fact]
    public void Dbus_writes_leave_firewalld_as_firewall_cmd_writes_do()
    {
        fx.Lab.Run("mkdir -p /tmp/write-dbus /tmp/write-cli && ln -sf /usr/bin/python3 /tmp/write-dbus/ && ln -sf /bin/false /tmp/write-dbus/firewall-cmd && " +
            "ln -sf /usr/bin/firewall-cmd /tmp/write-cli/ && echo ok").ShouldBe("ok");
        var before = Snapshot();
        var host = FirewalldReader.ParseHost(Read());
        var (nicRuntime, nicPermanent) = (host.Runtime.ZoneOf("lan0"), host.Permanent.ZoneOf("lan0"));
        // Every kind of call the module plans, in both configurations, with what firewalld takes for a
        // warning (ssh is in external already) and items no other test here uses.
        Command[] change =
        [
            Cmd("--permanent", "--zone=external", "--add-service=imap"), Cmd("--zone=external", "--add-service=imap"),
            Cmd("--zone=external", "--add-service=ssh"),
            Cmd("--permanent", "--zone=external", "--remove-service=ssh"),
            Cmd("--permanent", "--zone=external", "--add-port=60100-60200/udp"), Cmd("--zone=external", "--add-port=8041/tcp"),
            Cmd("--permanent", "--zone=external", "--add-source=10.41.0.0/16"), Cmd("--zone=external", "--add-source=10.42.0.0/16"),
            Cmd("--permanent", "--zone=external", "--add-rich-rule=" + Rule2), Cmd("--zone=external", "--add-rich-rule=" + Rule1),
            Cmd("--permanent", "--zone=external", "--change-interface=lan0"), Cmd("--zone=external", "--change-interface=lan0"),
        ];
        Command[] undo =
        [
            Cmd("--permanent", "--zone=external", "--remove-service=imap"), Cmd("--zone=external", "--remove-service=imap"),
            Cmd("--permanent", "--zone=external", "--add-service=ssh"),
            Cmd("--permanent", "--zone=external", "--remove-port=60100-60200/udp"), Cmd("--zone=external", "--remove-port=8041/tcp"),
            Cmd("--permanent", "--zone=external", "--remove-source=10.41.0.0/16"), Cmd("--zone=external", "--remove-source=10.42.0.0/16"),
            Cmd("--permanent", "--zone=external", "--remove-rich-rule=" + Rule2), Cmd("--zone=external", "--remove-rich-rule=" + Rule1),
            nicPermanent is null ? Cmd("--permanent", "--zone=external", "--remove-interface=lan0") : Cmd("--permanent", $"--zone={nicPermanent}", "--change-interface=lan0"),
            nicRuntime is null ? Cmd("--zone=external", "--remove-interface=lan0") : Cmd($"--zone={nicRuntime}", "--change-interface=lan0"),
        ];

        // firewall-cmd once only (each call a Python start-up): the undo is over D-Bus both times.
        Write(dbus: true, change).ShouldContain("Warning: ALREADY_ENABLED");
        var viaDbus = Snapshot();
        Write(dbus: true, undo);
        var undone = Snapshot();
        Write(dbus: false, change).ShouldContain("Warning: ALREADY_ENABLED");
        var viaCli = Snapshot();
        Write(dbus: true, undo);

        viaDbus.ShouldBe(viaCli);
        undone.State.ShouldBe(before.State);
        Snapshot().ShouldBe(undone);
        // Not vacuous: the calls changed both configurations.
        viaDbus.State.ShouldContain("runtime external target=default ports=8041/tcp sources=10.42.0.0/16 services=imap,ssh interfaces=lan0");
        viaDbus.State.ShouldContain("permanent external target=default ports=60100-60200/udp sources=10.41.0.0/16 services=imap interfaces=lan0");
        viaDbus.Files.ShouldContain("<interface name=\"lan0\"/>");
    }

    [Fact]
    public async Task A_read_after_a_firewalld_write_sees_it_and_drift_made_between_two_tasks_is_seen()
    {
        var playbook = Path.Combine(Path.GetTempPath(), $"fw-cache-{Guid.NewGuid():N}.yml");
        await File.WriteAllTextAsync(playbook, """
            - hosts: all
              tasks:
                - name: open 8031
                  firewalld: { zone: home, port: 8031/tcp }
                - name: open 8031 again
                  firewalld: { zone: home, port: 8031/tcp }
                - name: close 8031 behind the module's back
                  command: { cmd: "firewall-cmd -q --zone=home --remove-port=8031/tcp && firewall-cmd -q --permanent --zone=home --remove-port=8031/tcp" }
                - name: open 8031 once more
                  firewalld: { zone: home, port: 8031/tcp }
            """);
        var apply = await fx.Provision("apply", playbook);
        apply.ExitCode.ShouldBe(2, apply.ToString());
        apply.Tasks("ok").ShouldBe(["open 8031 again"], apply.ToString());
        apply.Tasks("changed").ShouldBe(["open 8031", "close 8031 behind the module's back", "open 8031 once more"], apply.ToString());
        fx.Lab.Run("firewall-cmd --zone=home --query-port=8031/tcp; firewall-cmd --permanent --zone=home --query-port=8031/tcp").ShouldBe("yes\nyes");
    }
}
