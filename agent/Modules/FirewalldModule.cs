using Provisioner.HostFacts;
using Provisioner.Journal;
using Provisioner.Modules.Firewall;
using Provisioner.Reads;

namespace Provisioner.Modules;

public sealed record FirewalldArgs(
    string Zone,
    string? Interface,
    IReadOnlyList<string> Services,
    IReadOnlyList<string> Ports,
    IReadOnlyList<string> Sources,
    IReadOnlyList<string> RichRules,
    bool Enabled)
{
    /// <summary>How the controller reaches the host (from the facts), which no task may cut.</summary>
    public HostFacts.ControllerAccess? Access { get; init; }
}

/// <summary>
/// firewalld: a zone's services, ports, sources and rich rules present (enabled) or absent
/// (disabled), and an interface bound to the zone, in both the permanent and the runtime
/// configuration. Items the task does not list are left alone. Runtime is changed directly (never
/// <c>--reload</c>), so runtime that differs from permanent is drift this module repairs.
/// </summary>
public sealed class FirewalldModule : Module<FirewalldArgs, FirewalldState>
{
    public override string Name => "firewalld";
    public override TaskReach Reach => TaskReach.ItsJournalItems;

    public override ArgSpec Spec { get; } = new([
        new("zone", ArgType.String, Required: true),
        new("interface", ArgType.String, Help: "bind this NIC to the zone"),
        // Service names are passed as written. For submission (587) prefer `smtp-submission`: it
        // exists on firewalld 1.3 (Debian 12) and 2.x (on ≥ 2.1 an alias including `submission`).
        new("service", ArgType.List),
        new("port", ArgType.List, Help: "PORT/PROTO or FROM-TO/PROTO, e.g. 587/tcp"),
        new("source", ArgType.List, Help: "CIDR, e.g. 192.168.1.0/24"),
        new("rich_rule", ArgType.List),
        new("state", ArgType.String, Choices: ["enabled", "disabled"]),
    ]);

    public override void Validate(Yaml.MapNode args, Yaml.Diagnostics d)
    {
        if (new[] { "interface", "service", "port", "source", "rich_rule" }.All(k => args.Get(k) is null))
            d.Add(args.Span, "firewalld needs something to manage in the zone", "add interface, service, port, source or rich_rule");
    }

    protected override FirewalldArgs Bind(ArgReader r)
    {
        var ports = r.List("port");
        foreach (var p in ports.Where(p => !IsPort(p)))
            r.Diagnostics.Add(r.Args.Get("port")!.Span, $"port '{p}' is not PORT/PROTO", "write e.g. 587/tcp or 60000-61000/udp");
        return new FirewalldArgs(r.Required("zone"), r.Str("interface"), r.List("service"), ports, r.List("source"),
            r.List("rich_rule"), r.Choice("state", "enabled", "enabled", "disabled") == "enabled") { Access = r.Facts?.Access };
    }

    private static bool IsPort(string p) =>
        p.Split('/') is [var range, "tcp" or "udp" or "sctp" or "dccp"] &&
        range.Split('-') is { Length: 1 or 2 } parts && parts.All(n => ushort.TryParse(n, out _));

    /// <summary>The host-wide read only: a task's rich-rule read costs firewall-cmd calls, worth it only once firewalld runs.</summary>
    public override IReadOnlyList<AheadRead> ReadCommands(FirewalldArgs args) => [FirewalldReader.HostCommand];

    public override Task<FirewalldState> ReadAsync(FirewalldArgs args, HostContext host, CancellationToken ct) =>
        FirewalldReader.ReadAsync(args, host, ct);

    public override Plan Plan(FirewalldArgs a, FirewalldState s) => s.Status switch
    {
        FirewalldStatus.NotInstalled => Missing(Need.Unit("firewalld"), "firewall-cmd not found; install firewalld in an earlier task"),
        FirewalldStatus.NotRunning => Missing(Need.Unit("firewalld"), "firewalld is not running; start it first (service: { name: firewalld, state: started })"),
        FirewalldStatus.NoSuchZone => Fail($"firewalld has no zone '{a.Zone}'; check the name with firewall-cmd --get-zones"),
        _ when AccessGuard.Check(a, s) is { } cut => Fail(cut),
        _ => FirewalldWrite.InOneProcess(FirewalldPlanner.Interface(a, s)
            .Then(FirewalldPlanner.Items(a, s, FirewallItemKind.Source, a.Sources))
            .Then(FirewalldPlanner.Items(a, s, FirewallItemKind.Service, a.Services))
            .Then(FirewalldPlanner.Items(a, s, FirewallItemKind.Port, a.Ports))
            .Then(FirewalldPlanner.Items(a, s, FirewallItemKind.RichRule, a.RichRules))),
    };

    /// <summary>
    /// The zone, and the zone the interface is moved out of, so a rollback can restore both; where
    /// NetworkManager owns the interface, also its connection profile, which holds the zone it binds.
    /// </summary>
    public override IReadOnlyList<JournalItem> Journal(FirewalldArgs args, FirewalldState? state)
    {
        var items = new[] { args.Zone, state?.InterfaceZoneRuntime, state?.PermanentBinding }
            .OfType<string>().Distinct(StringComparer.Ordinal).Select(z => (JournalItem)new JournalFirewallZone(z)).ToList();
        if (args.Interface is { } nic && state?.NmConnection is not null) items.Add(new JournalNmConnection(nic));
        return items;
    }

    /// <summary>The zones (all of /etc/firewalld) and the NetworkManager profile are restored, then reloaded.</summary>
    public override string? Irreversible(FirewalldArgs args, FirewalldState? state) => null;
}
