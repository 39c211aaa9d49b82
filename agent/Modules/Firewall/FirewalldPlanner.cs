using Provisioner.Transport;

namespace Provisioner.Modules.Firewall;

/// <summary>
/// Plans firewall-cmd calls that change the permanent and the runtime configuration each directly.
/// Never <c>--reload</c>: a reload rebuilds the ruleset (and would also discard runtime-only changes
/// made by others), while a direct runtime change leaves established connections, such as our own SSH
/// session, untouched.
/// </summary>
public static class FirewalldPlanner
{
    public const string Drift = "runtime differs from permanent";

    public static Plan Items(FirewalldArgs a, FirewalldState s, FirewallItemKind kind, IReadOnlyList<string> wanted)
    {
        var plan = Plan.None;
        var verb = a.Enabled ? "add" : "remove";
        foreach (var item in wanted.Distinct(StringComparer.Ordinal))
        {
            var inPermanent = s.Permanent.Items(kind).Contains(item);
            var inRuntime = s.Runtime.Items(kind).Contains(item);
            if (inPermanent == a.Enabled && inRuntime == a.Enabled) continue;
            var option = $"--{verb}-{kind.Stem()}={item}";
            var steps = new List<Step>();
            if (inPermanent != a.Enabled) steps.Add(Cmd(Command.Of("firewall-cmd", "--permanent", $"--zone={a.Zone}", option)));
            if (inRuntime != a.Enabled) steps.Add(Cmd(Command.Of("firewall-cmd", $"--zone={a.Zone}", option)));
            plan = plan.Then(new Plan(steps, [new Change($"firewalld zone {a.Zone} {kind.Stem()} {item}", ChangeKind.State,
                Where(inPermanent, inRuntime), a.Enabled ? "present" : "absent")]));
        }
        return plan;
    }

    /// <summary>Binds the interface to the zone (enabled) or unbinds it from this zone (disabled).</summary>
    public static Plan Interface(FirewalldArgs a, FirewalldState s)
    {
        if (a.Interface is not { } nic) return Plan.None;
        var steps = new List<Step>();
        var runtimeWrong = a.Enabled ? s.InterfaceZoneRuntime != a.Zone : s.InterfaceZoneRuntime == a.Zone;
        var permanentWrong = a.Enabled ? s.PermanentBinding != a.Zone : s.PermanentBinding == a.Zone || s.InterfaceZonePermanent == a.Zone;
        var option = a.Enabled ? $"--change-interface={nic}" : $"--remove-interface={nic}";
        if (permanentWrong)
        {
            // Where NetworkManager manages the NIC its connection holds the binding (firewall-cmd
            // ≥ 0.9 hands it there and leaves its zone files alone): nmcli below sets it, and
            // firewalld's files only lose a binding to this zone they still hold.
            if ((a.Enabled && s.NmConnection is null) || s.InterfaceZonePermanent == a.Zone)
                steps.Add(Cmd(Command.Of("firewall-cmd", "--permanent", $"--zone={a.Zone}", option)));
            if (s.NmConnection is { } conn && (a.Enabled ? s.NmZone != a.Zone : s.NmZone == a.Zone))
                steps.Add(Cmd(Command.Of("nmcli", "connection", "modify", conn, "connection.zone", a.Enabled ? a.Zone : "")));
        }
        if (runtimeWrong) steps.Add(Cmd(Command.Of("firewall-cmd", $"--zone={a.Zone}", option)));
        if (steps.Count == 0) return Plan.None;
        var before = s.InterfaceZoneRuntime == s.PermanentBinding
            ? s.InterfaceZoneRuntime ?? "(no zone)"
            : $"runtime {s.InterfaceZoneRuntime ?? "(no zone)"}, permanent {s.PermanentBinding ?? "(no zone)"} ({Drift})";
        return new Plan(steps, [new Change($"firewalld interface {nic} zone", ChangeKind.Value, before, a.Enabled ? a.Zone : $"not {a.Zone}"), .. ZoneMoveLoss.Of(a, s, nic)]);
    }

    private static string Where(bool permanent, bool runtime) => (permanent, runtime) switch
    {
        (true, true) => "present",
        (false, false) => "absent",
        (true, false) => $"permanent only ({Drift})",
        _ => $"runtime only ({Drift})",
    };

    private static CommandStep Cmd(Command c) => new(c, c.Display());
}
