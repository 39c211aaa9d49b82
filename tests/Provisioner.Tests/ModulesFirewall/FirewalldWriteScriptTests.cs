using Provisioner.Modules.Firewall;
using Provisioner.Tests.Transport;
using Provisioner.Transport;

namespace Provisioner.Tests.ModuleTests;

/// <summary>
/// firewalld-write.sh, run by a real /bin/sh and a real python3 against a stand-in <c>dbus</c> module
/// that records every call (object, interface, method, arguments) and refuses any not made to the bus
/// name's current owner: one process makes the D-Bus calls firewall-cmd itself makes for each planned
/// call. Without dbus-python or python3 each call is made by firewall-cmd, word for word. The lab test
/// compares both ways on a real firewalld.
/// </summary>
public sealed class FirewalldWriteScriptTests : IDisposable
{
    private const string Owner = ":1.7";
    private const string Fw = "org.fedoraproject.FirewallD1";
    private const string Rule = "rule family=\"ipv4\" source address=\"10.9.0.0/16\" accept";

    private readonly StandInTools _tools = new();
    private string Bin => _tools.Dir;
    private string Module => Path.Combine(Bin, "py");
    private string Ran(string name) => Path.Combine(Bin, name + ".ran");

    public void Dispose() => _tools.Dispose();

    /// <summary>
    /// python3 (the system's, with the stand-in dbus module first on its path, or one that fails to
    /// import), a firewall-cmd that records its arguments one per line and fails for <paramref name="cliFails"/>,
    /// and the stand-in firewalld: owned or not, where the config has each NIC, which call raises which error.
    /// </summary>
    private void Host(bool python = true, bool withDbus = true, bool owned = true, string nicZones = "{}", string raise = "{}", string cliFails = "--never")
    {
        _tools.Write("firewall-cmd", $"printf '%s\\n' \"$@\" ';' >> {Ran("firewall-cmd")}\ncase \"$*\" in *{cliFails}*) echo \"Error: INVALID_SERVICE: $*\" >&2; exit 101 ;; esac\necho success\n");
        if (!python) return;
        var system = ((string[])["/usr/bin/python3", .. Environment.GetEnvironmentVariable("PATH")!.Split(':').Select(d => Path.Combine(d, "python3"))]).First(File.Exists);
        _tools.Write("python3", $"echo ran >> {Ran("python3")}\nPYTHONPATH={ShellQuote.Quote(Module)} exec {ShellQuote.Quote(system)} \"$@\"\n");
        Directory.CreateDirectory(Path.Combine(Module, "dbus"));
        if (!withDbus)
        {
            File.WriteAllText(Path.Combine(Module, "dbus", "__init__.py"), "raise ImportError(\"No module named 'dbus'\")\n");
            return;
        }
        File.WriteAllText(Path.Combine(Module, "dbus", "__init__.py"), $$"""
            import json
            _LOG = {{Json(Ran("dbus"))}}
            _NIC_ZONES = json.loads({{Json(nicZones)}})
            _RAISE = json.loads({{Json(raise)}})


            class DBusException(Exception):
                def __init__(self, name, message):
                    Exception.__init__(self, message)
                    self._name, self._message = name, message

                def get_dbus_name(self):
                    return self._name

                def get_dbus_message(self):
                    return self._message


            class _Object:
                def __init__(self, path):
                    self.path = path

                def __getattr__(self, method):
                    def call(*args, dbus_interface=None):
                        with open(_LOG, "a") as log:
                            log.write(" ".join([self.path, dbus_interface, method] + [json.dumps(a) for a in args]) + "\n")
                        key = method + " " + " ".join(str(a) for a in args)
                        if key in _RAISE:
                            raise DBusException("org.fedoraproject.FirewallD1.Exception", _RAISE[key])
                        if method == "getZoneByName":
                            return "/org/fedoraproject/FirewallD1/config/zone/" + args[0]
                        if method == "getZoneOfInterface":
                            return _NIC_ZONES.get(args[0], "")
                        return None
                    return call


            class SystemBus:
                def name_has_owner(self, name):
                    assert name == "{{Fw}}"
                    return {{(owned ? "True" : "False")}}

                def get_name_owner(self, name):
                    return "{{Owner}}"

                def get_object(self, name, path, introspect=True):
                    # Calls through the well-known name would start a stopped firewalld.
                    if name != "{{Owner}}" or introspect:
                        raise AssertionError("called through " + name + ", not the owner, or introspected")
                    return _Object(path)
            """);
    }

    private static string Json(string s) => System.Text.Json.JsonSerializer.Serialize(s);

    /// <summary>A string as Python's json.dumps writes it (the stand-in's log).</summary>
    private static string Quoted(string s) => "\"" + s.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static Command Cmd(params string[] args) => Command.Of([.. args.Prepend("firewall-cmd").Select(a => (Arg)a)]);

    private LocalShell.Result Run(params Command[] calls) =>
        LocalShell.Run($"PATH={ShellQuote.Quote(Bin)}\n" + FirewalldWrite.Of(calls).Render());

    private string[] Lines(string name) => File.Exists(Ran(name)) ? File.ReadAllLines(Ran(name)) : [];

    private const string Zone = "/org/fedoraproject/FirewallD1 " + Fw + ".zone ";
    private static string Config(string zone) => $"/org/fedoraproject/FirewallD1/config/zone/{zone} {Fw}.config.zone ";
    private const string ConfigRoot = "/org/fedoraproject/FirewallD1/config " + Fw + ".config ";

    [Fact]
    public void One_python3_process_makes_the_dbus_calls_firewall_cmd_makes()
    {
        Host(nicZones: """{"lan0": "public"}""");
        var result = Run(
            Cmd("--permanent", "--zone=work", "--add-service=smtp"), Cmd("--zone=work", "--add-service=smtp"),
            Cmd("--permanent", "--zone=work", "--remove-service=pop3"), Cmd("--zone=work", "--remove-service=pop3"),
            Cmd("--permanent", "--zone=work", "--add-port=60000-61000/udp"), Cmd("--zone=work", "--add-port=8025/tcp"),
            Cmd("--permanent", "--zone=work", "--remove-port=8026/tcp"), Cmd("--zone=work", "--remove-port=8026/tcp"),
            Cmd("--permanent", "--zone=work", "--add-source=10.1.0.0/16"), Cmd("--zone=work", "--remove-source=10.2.0.0/16"),
            Cmd("--permanent", "--zone=work", "--add-rich-rule=" + Rule), Cmd("--zone=work", "--remove-rich-rule=" + Rule),
            Cmd("--permanent", "--zone=internal", "--change-interface=lan0"), Cmd("--zone=internal", "--change-interface=lan0"),
            Cmd("--permanent", "--zone=internal", "--remove-interface=lan1"), Cmd("--zone=internal", "--remove-interface=lan1"));
        result.Exit.ShouldBe(0, result.Stderr);
        result.Stderr.ShouldBeEmpty();
        Lines("python3").ShouldBe(["ran"]);
        Lines("firewall-cmd").ShouldBeEmpty();
        Lines("dbus").ShouldBe([
            ConfigRoot + "getZoneByName \"work\"", Config("work") + "addService \"smtp\"",
            Zone + "addService \"work\" \"smtp\" 0",
            ConfigRoot + "getZoneByName \"work\"", Config("work") + "removeService \"pop3\"",
            Zone + "removeService \"work\" \"pop3\"",
            ConfigRoot + "getZoneByName \"work\"", Config("work") + "addPort \"60000-61000\" \"udp\"",
            Zone + "addPort \"work\" \"8025\" \"tcp\" 0",
            ConfigRoot + "getZoneByName \"work\"", Config("work") + "removePort \"8026\" \"tcp\"",
            Zone + "removePort \"work\" \"8026\" \"tcp\"",
            ConfigRoot + "getZoneByName \"work\"", Config("work") + "addSource \"10.1.0.0/16\"",
            Zone + "removeSource \"work\" \"10.2.0.0/16\"",
            ConfigRoot + "getZoneByName \"work\"", Config("work") + "addRichRule " + Quoted(Rule),
            Zone + "removeRichRule \"work\" " + Quoted(Rule),
            // As firewall-cmd --permanent --change-interface: out of the zone the config has it in, into the new one.
            ConfigRoot + "getZoneByName \"internal\"", ConfigRoot + "getZoneOfInterface \"lan0\"",
            ConfigRoot + "getZoneByName \"public\"", Config("public") + "removeInterface \"lan0\"", Config("internal") + "addInterface \"lan0\"",
            Zone + "changeZoneOfInterface \"internal\" \"lan0\"",
            ConfigRoot + "getZoneByName \"internal\"", Config("internal") + "removeInterface \"lan1\"",
            Zone + "removeInterface \"internal\" \"lan1\""]);
    }

    [Fact]
    public void A_permanent_interface_change_leaves_a_nic_already_there_alone_and_binds_an_unbound_one()
    {
        Host(nicZones: """{"lan0": "internal"}""");
        Run(Cmd("--permanent", "--zone=internal", "--change-interface=lan0"), Cmd("--permanent", "--zone=internal", "--change-interface=lan1"))
            .Exit.ShouldBe(0);
        Lines("dbus").ShouldBe([
            ConfigRoot + "getZoneByName \"internal\"", ConfigRoot + "getZoneOfInterface \"lan0\"",
            ConfigRoot + "getZoneByName \"internal\"", ConfigRoot + "getZoneOfInterface \"lan1\"", Config("internal") + "addInterface \"lan1\""]);
    }

    [Fact]
    public void What_firewall_cmd_takes_for_a_warning_is_one_and_the_calls_go_on()
    {
        Host(raise: """{"addService work smtp 0": "ALREADY_ENABLED: 'smtp' already in 'work'", "changeZoneOfInterface internal lan0": "ZONE_ALREADY_SET: lan0"}""");
        var result = Run(Cmd("--zone=work", "--add-service=smtp"), Cmd("--zone=internal", "--change-interface=lan0"), Cmd("--zone=work", "--add-service=pop3"));
        result.Exit.ShouldBe(0, result.Stderr);
        result.Stderr.ShouldBe("Warning: ALREADY_ENABLED: 'smtp' already in 'work'\nWarning: ZONE_ALREADY_SET: lan0\n");
        Lines("dbus").Last().ShouldBe(Zone + "addService \"work\" \"pop3\" 0");
    }

    [Fact]
    public void Any_other_error_stops_at_its_call_and_names_it()
    {
        Host(raise: """{"addService work nope 0": "INVALID_SERVICE: 'nope' not among existing services"}""");
        var result = Run(Cmd("--permanent", "--zone=work", "--add-port=8025/tcp"), Cmd("--zone=work", "--add-service=nope"), Cmd("--zone=work", "--add-port=8025/tcp"));
        result.Exit.ShouldBe(1);
        result.Stderr.ShouldBe("firewall-cmd --zone=work --add-service=nope (over D-Bus): Error: INVALID_SERVICE: 'nope' not among existing services\n");
        Lines("dbus").Last().ShouldBe(Zone + "addService \"work\" \"nope\" 0");
        Lines("firewall-cmd").ShouldBeEmpty();
    }

    [Fact]
    public void A_stopped_firewalld_is_not_started_and_fails_as_firewall_cmd_does()
    {
        Host(owned: false);
        var result = Run(Cmd("--zone=work", "--add-service=smtp"));
        result.Exit.ShouldBe(252);
        result.Stderr.ShouldBe("FirewallD is not running\n");
        Lines("dbus").ShouldBeEmpty();
        Lines("firewall-cmd").ShouldBeEmpty();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Without_dbus_python_or_python3_firewall_cmd_makes_each_call_word_for_word_until_one_fails(bool python)
    {
        Host(python: python, withDbus: false, cliFails: "--add-service=nope");
        var result = Run(
            Cmd("--permanent", "--zone=work", "--add-rich-rule=" + Rule), Cmd("--zone=work", "--change-interface=lan0"),
            Cmd("--zone=work", "--add-service=nope"), Cmd("--zone=work", "--add-service=smtp"));
        result.Exit.ShouldBe(101);
        result.Stderr.ShouldContain("Error: INVALID_SERVICE");
        Lines("firewall-cmd").ShouldBe([
            "--permanent", "--zone=work", "--add-rich-rule=" + Rule, ";",
            "--zone=work", "--change-interface=lan0", ";",
            "--zone=work", "--add-service=nope", ";"]);
        Lines("python3").Length.ShouldBe(python ? 1 : 0);
    }

    [Fact]
    public void A_call_it_cannot_make_changes_nothing()
    {
        Host();
        var result = Run(Cmd("--zone=work", "--add-service=smtp"), Cmd("--zone=work", "--set-target=ACCEPT"));
        result.Exit.ShouldBe(2);
        result.Stderr.ShouldContain("cannot make the call firewall-cmd --zone=work --set-target=ACCEPT");
        Lines("dbus").ShouldBeEmpty();
    }
}
