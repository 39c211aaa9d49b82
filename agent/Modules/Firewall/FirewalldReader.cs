using Provisioner.HostFacts;
using Provisioner.Reads;
using Provisioner.Transport;

namespace Provisioner.Modules.Firewall;

/// <summary>
/// Reads firewalld with two sh scripts whose sections are introduced by "@@ NAME" lines: the
/// host-wide <see cref="HostCommand"/> (firewalld-read.sh: all zones, both configurations, over
/// D-Bus — one python3 process with dbus-python, else busctl — or else with firewall-cmd; NetworkManager's devices), whose text is the
/// same for every task so the run's read cache answers all but the first task until something
/// changes the host; and, only for tasks with rich rules, <see cref="RichCommand"/>.
/// Each <c>firewall-cmd</c> is a Python start-up (~0.3 s), so the count of calls is what matters.
/// </summary>
public static class FirewalldReader
{
    private static readonly HostScript Script = HostScript.Load("firewalld-read.sh");

    public static readonly Command HostCommand = Transport.Command.Script(Script.Inline(), readOnly: true) with { Cacheable = true };

    /// <summary>
    /// firewalld normalises rich rules (quoting, element order), so the rule as the user wrote it
    /// may not appear verbatim in the listing; --query-rich-rule compares them as firewalld does.
    /// Null when the task has no rich rules.
    /// </summary>
    public static Command? RichCommand(FirewalldArgs a)
    {
        if (a.RichRules.Count == 0) return null;
        var zone = ShellQuote.Quote("--zone=" + a.Zone);
        var sh = new List<string>();
        foreach (var (rule, i) in a.RichRules.Select((r, i) => (ShellQuote.Quote("--query-rich-rule=" + r), i)))
        {
            sh.Add($"echo \"@@ rich-permanent {i} $(firewall-cmd --permanent {zone} {rule} 2>/dev/null)\"");
            sh.Add($"echo \"@@ rich-runtime {i} $(firewall-cmd {zone} {rule} 2>/dev/null)\"");
        }
        return Transport.Command.Script(string.Join("\n", sh), readOnly: true) with { Cacheable = true };
    }

    public static async Task<FirewalldState> ReadAsync(FirewalldArgs args, HostContext host, CancellationToken ct)
    {
        var result = await host.RunAsync(HostCommand, ct).ConfigureAwait(false);
        if (!result.Ok) throw new Files.RemoteReadException($"could not read firewalld zones: {result.Describe()}");
        var state = ParseHost(result.Stdout).For(args);
        if (state.Status != FirewalldStatus.Running || RichCommand(args) is not { } rich) return state;
        var rules = await host.RunAsync(rich, ct).ConfigureAwait(false);
        if (!rules.Ok) throw new Files.RemoteReadException($"could not read firewalld zone {args.Zone} rich rules: {rules.Describe()}");
        return WithRich(state, rules.Stdout, args.RichRules);
    }

    /// <summary>The task's state from the outputs of both scripts (<paramref name="richStdout"/> empty without rich rules).</summary>
    public static FirewalldState Parse(string hostStdout, FirewalldArgs args, string richStdout = "")
    {
        var state = ParseHost(hostStdout).For(args);
        return state.Status == FirewalldStatus.Running ? WithRich(state, richStdout, args.RichRules) : state;
    }

    public static FirewalldHost ParseHost(string stdout)
    {
        var sections = MarkedSections.Parse(stdout);
        if (sections.Has("not-installed")) return FirewalldHost.Unavailable(FirewalldStatus.NotInstalled);
        if (sections.Has("not-running")) return FirewalldHost.Unavailable(FirewalldStatus.NotRunning);
        var nm = new Dictionary<string, NmDevice>(StringComparer.Ordinal);
        foreach (var key in sections.Names.Where(n => n.StartsWith("nm ", StringComparison.Ordinal)))
        {
            var values = sections.Lines(key).Select(l => l.Trim()).ToList();
            if (values.FirstOrDefault() is { Length: > 0 } connection)
                nm[key[3..]] = new NmDevice(connection, values.Skip(1).FirstOrDefault(l => l.Length > 0) ?? "");
        }
        var (permanent, runtime) = DbusZones.Present(sections)
            ? DbusZones.Parse(sections)
            : (ZoneListing.Parse(sections.Lines("permanent")), ZoneListing.Parse(sections.Lines("runtime")));
        return new FirewalldHost(FirewalldStatus.Running, permanent, runtime, nm);
    }

    /// <summary>Adds the rules (as written) that firewalld said it has, so membership checks see them.</summary>
    private static FirewalldState WithRich(FirewalldState state, string richStdout, IReadOnlyList<string> rules)
    {
        var sections = MarkedSections.Parse(richStdout);
        ZoneConfig Add(ZoneConfig config, string prefix)
        {
            var rich = new HashSet<string>(config.RichRules, StringComparer.Ordinal);
            for (var i = 0; i < rules.Count; i++)
                if (sections.Has($"{prefix} {i} yes")) rich.Add(rules[i]);
            return config with { RichRules = rich };
        }
        return state with { Permanent = Add(state.Permanent, "rich-permanent"), Runtime = Add(state.Runtime, "rich-runtime") };
    }
}
