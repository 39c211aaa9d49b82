using Provisioner.HostFacts;
using Provisioner.Modules;
using Provisioner.Modules.Firewall;
using Provisioner.Reads;
using Provisioner.Tests.Transport;
using Provisioner.Transport;
using static Provisioner.Tests.ModuleTests.ModuleTestKit;

namespace Provisioner.Tests.ModuleTests;

/// <summary>
/// The host-wide read script run by a real /bin/sh against stand-in firewall-cmd and nmcli, on a PATH
/// without busctl (the firewall-cmd fallback; the D-Bus read is in <see cref="FirewalldDbusReadTests"/>),
/// and the read path through the run's cache: how many remote calls a run of firewalld tasks costs.
/// </summary>
public sealed class FirewalldReaderTests : IDisposable
{
    private readonly FirewalldModule _module = new();
    private readonly StandInTools _tools = new();
    private string Bin => _tools.Dir;

    public void Dispose() => _tools.Dispose();

    private void Tool(string name, string body) => _tools.Write(name, body);

    private string RunHostScript(string path)
    {
        var result = LocalShell.Run($"PATH={ShellQuote.Quote(path)}\n" + FirewalldReader.HostCommand.Render());
        result.Exit.ShouldBe(0, result.Stderr);
        return result.Stdout;
    }

    private void FirewallCmd(string runtimeInternal = "lan0") => Tool("firewall-cmd", $$"""
        case "$*" in
          --state) echo running ;;
          "--permanent --list-all-zones") printf 'internal\n  interfaces: \n  services: ssh\n\npublic (default)\n  interfaces: pub0\n' ;;
          --list-all-zones) printf 'internal (active)\n  interfaces: {{runtimeInternal}}\n  services: ssh smtp\n\npublic (default, active)\n  interfaces: pub0\n' ;;
          *) echo "unexpected: $*" >&2; exit 2 ;;
        esac
        """);

    [Fact]
    public void Reads_all_zones_and_NetworkManager_connections_with_their_zones()
    {
        FirewallCmd();
        // Terse output is unescaped (-e no), so a ':' inside a connection name survives.
        Tool("nmcli", """
            case "$*" in
              "-t -e no -f DEVICE,CONNECTION device") printf 'lan0:Wired: two\npub0:Wired one\nlo:\nwg0:--\n' ;;
              "-g connection.zone connection show Wired: two") echo internal ;;
              "-g connection.zone connection show Wired one") echo ;;
              *) echo "unexpected: $*" >&2; exit 2 ;;
            esac
            """);
        var host = FirewalldReader.ParseHost(RunHostScript(Bin));
        host.Status.ShouldBe(FirewalldStatus.Running);
        host.Permanent.Zones.Select(z => z.Name).ShouldBe(["internal", "public"]);
        host.Runtime.Find("internal")!.Services.ShouldBe(["ssh", "smtp"], ignoreOrder: true);
        host.NmDevices.ShouldBe(new Dictionary<string, NmDevice>
        {
            ["lan0"] = new("Wired: two", "internal"),
            ["pub0"] = new("Wired one", ""),
        }, ignoreOrder: true);

        var state = host.For(Bind<FirewalldArgs>(_module, "zone: internal\ninterface: lan0"));
        (state.InterfaceZoneRuntime, state.InterfaceZonePermanent, state.NmConnection, state.NmZone).ShouldBe(("internal", null, "Wired: two", "internal"));
    }

    [Fact]
    public void Without_NetworkManager_or_firewalld_the_script_says_so()
    {
        FirewallCmd();
        FirewalldReader.ParseHost(RunHostScript(Bin)).NmDevices.ShouldBeEmpty();
        FirewalldReader.ParseHost(RunHostScript("/nonexistent")).Status.ShouldBe(FirewalldStatus.NotInstalled);
        Tool("firewall-cmd", "echo 'not running'; exit 252\n");
        FirewalldReader.ParseHost(RunHostScript(Bin)).Status.ShouldBe(FirewalldStatus.NotRunning);
        // --state decides even where the listings would work (firewalld "failed": running on a broken config).
        Tool("firewall-cmd", "[ \"$1\" = --state ] && { echo failed; exit 251; }\necho 'public (default)'\n");
        FirewalldReader.ParseHost(RunHostScript(Bin)).Status.ShouldBe(FirewalldStatus.NotRunning);
    }

    [Fact]
    public void A_failing_listing_fails_the_read_instead_of_reading_as_no_zones()
    {
        Tool("firewall-cmd", "[ \"$1\" = --state ] && exit 0\necho 'Error: INVALID_ZONE' >&2; exit 112\n");
        var result = LocalShell.Run($"PATH={ShellQuote.Quote(Bin)}\n" + FirewalldReader.HostCommand.Render());
        result.Exit.ShouldBe(1);
        result.Stderr.ShouldContain("INVALID_ZONE");
    }

    [Fact]
    public async Task Seven_tasks_share_one_host_wide_read_until_a_change()
    {
        FirewallCmd();
        var remote = new LocalRemoteHost(Bin);
        var host = new HostContext(new CachingRemoteHost(remote), DebianFacts, Become: false);
        string[] tasks = [
            "zone: public\ninterface: pub0\nservice: smtp", "zone: internal\ninterface: lan0\nservice: smtp", "zone: internal\nservice: pop3",
            "zone: public\nservice: pop3s", "zone: internal\nservice: pop3s", "zone: public\nservice: smtp-submission", "zone: internal\nservice: smtp-submission"];
        foreach (var yaml in tasks)
            (await _module.ReadAsync(Bind<FirewalldArgs>(_module, yaml), host, CancellationToken.None)).Status.ShouldBe(FirewalldStatus.Running);
        remote.Ran.ShouldBe(1);

        // A change (here: any non-read-only command) makes the next task read afresh and see it.
        FirewallCmd(runtimeInternal: "");
        await host.Remote.RunAsync(Command.Of("true"), CancellationToken.None);
        var after = await _module.ReadAsync(Bind<FirewalldArgs>(_module, "zone: internal\ninterface: lan0"), host, CancellationToken.None);
        after.InterfaceZoneRuntime.ShouldBeNull();
        remote.Ran.ShouldBe(3);
    }

    [Fact]
    public async Task Rich_rules_are_queried_per_task_only_when_the_task_has_some()
    {
        FirewallCmd();
        Tool("firewall-cmd", File.ReadAllText(Path.Combine(Bin, "firewall-cmd")).Replace(
            "  *) echo", "  *--query-rich-rule=*) [ \"$1\" = --permanent ] && echo yes || echo no ;;\n  *) echo"));
        var remote = new LocalRemoteHost(Bin);
        var host = new HostContext(new CachingRemoteHost(remote), DebianFacts, Become: false);
        var args = Bind<FirewalldArgs>(_module, "zone: internal\nrich_rule: rule family=ipv4 source address=10.9.0.0/16 accept");
        var state = await _module.ReadAsync(args, host, CancellationToken.None);
        state.Permanent.RichRules.ShouldBe([args.RichRules[0]]);
        state.Runtime.RichRules.ShouldBeEmpty();
        remote.Ran.ShouldBe(2);
        await _module.ReadAsync(Bind<FirewalldArgs>(_module, "zone: intranet\nrich_rule: rule family=ipv4 reject"), host, CancellationToken.None);
        remote.Ran.ShouldBe(2, "no zone: nothing to query");
    }

    /// <summary>Runs commands with the local /bin/sh and the stand-in tools first on PATH.</summary>
    private sealed class LocalRemoteHost(string path) : IRemoteHost
    {
        public int Ran { get; private set; }
        public string Name => "local";

        public Task<CommandResult> RunAsync(Command command, CancellationToken ct)
        {
            Ran++;
            var r = LocalShell.Run($"PATH={ShellQuote.Quote(path)}\n" + command.Render());
            return Task.FromResult(new CommandResult(r.Exit, r.Stdout, r.Stderr, TimeSpan.Zero));
        }

        public Task<CommandResult> UploadAsync(FileUpload upload, CancellationToken ct) => throw new NotSupportedException();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
