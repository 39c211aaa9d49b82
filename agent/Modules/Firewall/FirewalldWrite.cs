using Provisioner.Transport;

namespace Provisioner.Modules.Firewall;

/// <summary>
/// A firewalld task's firewall-cmd calls made by one process on the host (firewalld-write.sh): over
/// D-Bus by one python3 with dbus-python, the calls firewall-cmd itself would make; with firewall-cmd,
/// call by call, where there is no dbus-python. Each firewall-cmd is a Python start-up (~0.3 s) and a
/// task plans up to two per item, so the count of processes is what this saves. The plan keeps its
/// calls as firewall-cmd commands (what they do, and what the fallback runs word for word).
/// </summary>
public static class FirewalldWrite
{
    /// <summary>The argument between two calls (no call's argument is ever exactly this: each starts with "--").</summary>
    public const string Separator = ";";

    private static readonly HostScript Script = HostScript.Load("firewalld-write.sh");

    /// <summary>The calls (firewall-cmd commands) as one command: each one's arguments after "firewall-cmd", separated.</summary>
    public static Command Of(IReadOnlyList<Command> calls) =>
        Command.Script(Script.Inline([.. calls.SelectMany((c, i) => (i == 0 ? [] : new[] { Separator }).Concat(c.Argv.Skip(1).Select(a => a.Text)))]));

    /// <summary>
    /// The plan with its firewall-cmd steps made one step, after the other steps (NetworkManager's
    /// profile, which may move the NIC at runtime itself: a change firewalld then has is a warning,
    /// as it is to firewall-cmd). The changes (diff, journal) stay as they are.
    /// </summary>
    public static Plan InOneProcess(Plan plan)
    {
        var calls = plan.Steps.OfType<CommandStep>().Where(IsCall).ToList();
        if (calls.Count == 0) return plan;
        var write = new CommandStep(Of([.. calls.Select(c => c.Command)]), string.Join("; ", calls.Select(c => c.Description)));
        return plan with { Steps = [.. plan.Steps.Where(s => s is not CommandStep c || !IsCall(c)), write] };
    }

    private static bool IsCall(CommandStep step) => step.Command.Argv is [{ Text: "firewall-cmd" }, ..];
}
