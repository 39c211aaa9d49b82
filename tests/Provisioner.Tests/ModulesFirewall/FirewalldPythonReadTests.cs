using Provisioner.Modules;
using Provisioner.Modules.Firewall;
using Provisioner.Tests.Transport;
using Provisioner.Transport;
using static Provisioner.Tests.ModuleTests.ModuleTestKit;

namespace Provisioner.Tests.ModuleTests;

/// <summary>
/// firewalld-read.sh's python3 read (all D-Bus calls in one process), run by a real /bin/sh and a real
/// python3 against a stand-in <c>dbus</c> module that serves the same zones as the busctl stand-in of
/// <see cref="FirewalldDbusReadTests"/>: both reads must give the same host. The stand-in refuses to be
/// called through the well-known name, which D-Bus would activate. The lab test runs it against firewalld.
/// </summary>
public sealed class FirewalldPythonReadTests : IDisposable
{
    private const string Owner = ":1.7";

    private readonly StandInTools _tools = new();
    private string Bin => _tools.Dir;
    private string Module => Path.Combine(Bin, "py");

    public void Dispose() => _tools.Dispose();

    /// <summary>
    /// python3 on PATH (the real one, with a stand-in dbus module first on its path: firewalld's, or one that
    /// fails to import unless <paramref name="withDbus"/>), busctl and firewall-cmd recording that they ran, and the stand-in's zones and behaviour.
    /// </summary>
    private void Host(bool withDbus = true, bool owned = true, string state = "RUNNING", string failOn = "never")
    {
        // The system's interpreter: one found on PATH may be a wrapper (pyenv's shim) needing more of PATH.
        var python = ((string[])["/usr/bin/python3", .. Environment.GetEnvironmentVariable("PATH")!.Split(':').Select(d => Path.Combine(d, "python3"))]).First(File.Exists);
        _tools.Write("python3", $"PYTHONPATH={ShellQuote.Quote(Module)} exec {ShellQuote.Quote(python)} \"$@\"\n");
        _tools.Write("busctl", $"echo \"$*\" >> {Bin}/busctl.ran\nexit 1\n");
        _tools.Write("firewall-cmd", $"echo \"$*\" >> {Bin}/firewall-cmd.ran\nexit 1\n");
        Directory.CreateDirectory(Path.Combine(Module, "dbus"));
        if (!withDbus)
        {
            // Shadows a dbus-python the test machine itself may have.
            File.WriteAllText(Path.Combine(Module, "dbus", "__init__.py"), "raise ImportError(\"No module named 'dbus'\")\n");
            return;
        }
        var zones = new[] { "block", "public", "work" };
        File.WriteAllText(Path.Combine(Module, "zones.json"), System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["owned"] = owned, ["state"] = state, ["fail_on"] = failOn, ["default"] = "public", ["zones"] = zones,
            ["runtime"] = zones.Zip([FirewalldDbusReadTests.Block, FirewalldDbusReadTests.Public, FirewalldDbusReadTests.Work]).ToDictionary(z => z.First, z => Settings(z.Second)),
            ["permanent"] = zones.Zip([FirewalldDbusReadTests.Block, FirewalldDbusReadTests.PublicPermanent, FirewalldDbusReadTests.WorkPermanent]).ToDictionary(z => z.First, z => Settings(z.Second)),
        }));
        File.WriteAllText(Path.Combine(Module, "dbus", "__init__.py"), $$"""
            import json, os
            _here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
            _z = json.load(open(os.path.join(_here, "zones.json")))
            FW = "org.fedoraproject.FirewallD1"


            class DBusException(Exception):
                pass


            def _call(name):
                if name == _z["fail_on"]:
                    raise DBusException("org.freedesktop.DBus.Error.AccessDenied: Access denied")


            class _Object:
                def __init__(self, path):
                    self.path = path

                def Get(self, iface, prop, dbus_interface=None):
                    assert (iface, prop, dbus_interface) == (FW, "state", "org.freedesktop.DBus.Properties")
                    _call("state")
                    return _z["state"]

                def getDefaultZone(self, dbus_interface=None):
                    assert dbus_interface == FW
                    return _z["default"]

                def getZones(self, dbus_interface=None):
                    assert (self.path, dbus_interface) == ("/org/fedoraproject/FirewallD1", FW + ".zone")
                    return _z["zones"]

                def getZoneSettings2(self, zone, dbus_interface=None):
                    assert dbus_interface == FW + ".zone"
                    return _z["runtime"][zone]

                def getZoneNames(self, dbus_interface=None):
                    assert (self.path, dbus_interface) == ("/org/fedoraproject/FirewallD1/config", FW + ".config")
                    return _z["zones"]

                def getZoneByName(self, zone, dbus_interface=None):
                    assert dbus_interface == FW + ".config"
                    return "/org/fedoraproject/FirewallD1/config/zone/" + zone

                def getSettings2(self, dbus_interface=None):
                    assert dbus_interface == FW + ".config.zone"
                    _call("getSettings2")
                    return _z["permanent"][self.path.rsplit("/", 1)[1]]


            class SystemBus:
                def name_has_owner(self, name):
                    return _z["owned"]

                def get_name_owner(self, name):
                    if not _z["owned"]:
                        raise DBusException("NameHasNoOwner")
                    return "{{Owner}}"

                def get_object(self, name, path, introspect=True):
                    # Calls through the well-known name would start a stopped firewalld.
                    if name != "{{Owner}}":
                        raise AssertionError("called through " + name + ", not the owner")
                    return _Object(path)
            """);
    }

    /// <summary>busctl's JSON of a{sv} settings as the plain dict dbus-python gives.</summary>
    private static Dictionary<string, System.Text.Json.JsonElement> Settings(string busctlJson)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(busctlJson);
        return doc.RootElement.GetProperty("data")[0].EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetProperty("data").Clone());
    }

    private LocalShell.Result Run() => LocalShell.Run($"PATH={ShellQuote.Quote(Bin)}\n" + FirewalldReader.HostCommand.Render());

    private bool BusctlRan => File.Exists(Path.Combine(Bin, "busctl.ran")) || File.Exists(Path.Combine(Bin, "firewall-cmd.ran"));

    [Fact]
    public void One_python3_process_reads_what_busctl_reads()
    {
        Host();
        var result = Run();
        result.Exit.ShouldBe(0, result.Stderr);
        result.Stdout.ShouldStartWith("@@ dbus-python\n");
        BusctlRan.ShouldBeFalse();

        using var busctl = new FirewalldDbusReadTests();
        var viaBusctl = busctl.ReadHost();
        var host = FirewalldReader.ParseHost(result.Stdout);
        FirewalldDbusReadTests.Describe(host).ShouldBe(FirewalldDbusReadTests.Describe(viaBusctl));
        // Not vacuous: the zones' parts are there.
        host.Runtime.ZoneOf("pub0").ShouldBe("public");
        host.Runtime.Find("work")!.Ports.ShouldBe(["8025/tcp", "60000-61000/udp"], ignoreOrder: true);
        host.Permanent.Find("work")!.Ports.ShouldBe(["60000-61000/udp"]);
        host.Runtime.Find("block")!.Target.ShouldBe("%%REJECT%%");

        var module = new FirewalldModule();
        var args = Bind<FirewalldArgs>(module, "zone: work\nport: 8025/tcp");
        Commands(module.Plan(args, host.For(args))).ShouldBe([FirewalldSteps.OneProcess("firewall-cmd --permanent --zone=work --add-port=8025/tcp")]);
    }

    [Fact]
    public void No_owner_of_the_name_is_not_running_without_activating_it()
    {
        Host(owned: false);
        var result = Run();
        result.Exit.ShouldBe(0, result.Stderr);
        result.Stdout.Trim().ShouldBe("@@ not-running");
        BusctlRan.ShouldBeFalse();
    }

    [Theory]
    [InlineData("INIT")]
    [InlineData("FAILED")]
    public void Firewalld_not_RUNNING_reads_as_not_running(string state)
    {
        Host(state: state);
        var result = Run();
        result.Stdout.Trim().ShouldBe("@@ not-running");
        FirewalldReader.ParseHost(result.Stdout).Status.ShouldBe(FirewalldStatus.NotRunning);
    }

    [Fact]
    public void A_state_that_cannot_be_read_is_not_running()
    {
        Host(failOn: "state");
        Run().Stdout.Trim().ShouldBe("@@ not-running");
    }

    [Fact]
    public void A_failing_call_while_firewalld_runs_fails_the_read_with_its_message()
    {
        Host(failOn: "getSettings2");
        var result = Run();
        result.Exit.ShouldBe(1);
        result.Stderr.ShouldContain("firewalld D-Bus call failed: org.freedesktop.DBus.Error.AccessDenied: Access denied");
        BusctlRan.ShouldBeFalse();
    }

    [Fact]
    public void Python3_without_the_dbus_module_leaves_the_read_to_busctl()
    {
        Host(withDbus: false);
        Run();
        BusctlRan.ShouldBeTrue();
    }
}
