using Provisioner.Transport;

namespace Provisioner.Modules.Firewall;

/// <summary>
/// Reads a zone's permanent and runtime configuration, the managed interface's zone in both, and
/// its NetworkManager connection, in one sh script. Sections are introduced by "@@ NAME" lines.
/// </summary>
public static class FirewalldReader
{
    public static Command Command(FirewalldArgs a)
    {
        var zone = ShellQuote.Quote("--zone=" + a.Zone);
        var sh = new List<string>
        {
            "command -v firewall-cmd >/dev/null 2>&1 || { echo '@@ not-installed'; exit 0; }",
            "firewall-cmd --state >/dev/null 2>&1 || { echo '@@ not-running'; exit 0; }",
            $"echo '@@ permanent'; firewall-cmd --permanent {zone} --list-all 2>/dev/null || {{ echo '@@ no-such-zone'; exit 0; }}",
            $"echo '@@ runtime'; firewall-cmd {zone} --list-all 2>/dev/null",
        };
        // firewalld normalises rich rules (quoting, element order), so the rule as the user wrote it
        // may not appear verbatim in --list-all; --query-rich-rule compares them as firewalld does.
        foreach (var (rule, i) in a.RichRules.Select((r, i) => (ShellQuote.Quote("--query-rich-rule=" + r), i)))
        {
            sh.Add($"echo \"@@ rich-permanent {i} $(firewall-cmd --permanent {zone} {rule} 2>/dev/null)\"");
            sh.Add($"echo \"@@ rich-runtime {i} $(firewall-cmd {zone} {rule} 2>/dev/null)\"");
        }
        if (a.Interface is { } nic)
        {
            var q = ShellQuote.Quote(nic);
            var of = ShellQuote.Quote("--get-zone-of-interface=" + nic);
            sh.Add($"echo '@@ if-runtime'; firewall-cmd {of} 2>/dev/null");
            sh.Add($"echo '@@ if-permanent'; firewall-cmd --permanent {of} 2>/dev/null");
            // The lab (and many servers) have no NetworkManager: then there is nothing to keep in step.
            sh.Add("if command -v nmcli >/dev/null 2>&1; then " +
                   $"c=$(nmcli -g GENERAL.CONNECTION device show {q} 2>/dev/null); " +
                   "if [ -n \"$c\" ]; then echo '@@ nm-connection'; printf '%s\\n' \"$c\"; " +
                   "echo '@@ nm-zone'; nmcli -g connection.zone connection show \"$c\" 2>/dev/null; fi; fi");
        }
        sh.Add("true");
        return Transport.Command.Script(string.Join("\n", sh), readOnly: true);
    }

    public static async Task<FirewalldState> ReadAsync(FirewalldArgs args, HostContext host, CancellationToken ct)
    {
        var result = await host.RunAsync(Command(args), ct).ConfigureAwait(false);
        if (!result.Ok) throw new Files.RemoteReadException($"could not read firewalld zone {args.Zone}: {result.Describe()}");
        return Parse(result.Stdout, args.RichRules);
    }

    public static FirewalldState Parse(string stdout, IReadOnlyList<string> richRules)
    {
        var sections = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var current = new List<string>();
        foreach (var line in stdout.Split('\n'))
        {
            if (line.StartsWith("@@ ", StringComparison.Ordinal)) sections[line[3..].TrimEnd()] = current = [];
            else current.Add(line.TrimEnd('\r'));
        }
        if (sections.ContainsKey("not-installed")) return FirewalldState.Unavailable(FirewalldStatus.NotInstalled);
        if (sections.ContainsKey("not-running")) return FirewalldState.Unavailable(FirewalldStatus.NotRunning);
        if (sections.ContainsKey("no-such-zone")) return FirewalldState.Unavailable(FirewalldStatus.NoSuchZone);

        var permanent = WithRich(ZoneConfig.ParseListAll(sections.GetValueOrDefault("permanent") ?? []), "rich-permanent", sections, richRules);
        var runtime = WithRich(ZoneConfig.ParseListAll(sections.GetValueOrDefault("runtime") ?? []), "rich-runtime", sections, richRules);
        string? First(string key) => sections.GetValueOrDefault(key)?.Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
        string? Zone(string key) => First(key) is { } z && z != "no zone" ? z : null;
        var nm = First("nm-connection");
        return new FirewalldState(FirewalldStatus.Running, permanent, runtime, Zone("if-runtime"), Zone("if-permanent"),
            nm, nm is null ? null : First("nm-zone") ?? "");
    }

    /// <summary>Adds the rules (as written) that firewalld said it has, so membership checks see them.</summary>
    private static ZoneConfig WithRich(ZoneConfig config, string prefix, Dictionary<string, List<string>> sections, IReadOnlyList<string> rules)
    {
        var rich = new HashSet<string>(config.RichRules, StringComparer.Ordinal);
        for (var i = 0; i < rules.Count; i++)
            if (sections.ContainsKey($"{prefix} {i} yes")) rich.Add(rules[i]);
        return config with { RichRules = rich };
    }
}
