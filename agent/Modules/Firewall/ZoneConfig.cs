namespace Provisioner.Modules.Firewall;

/// <summary>The parts of one firewalld zone configuration (permanent or runtime) the module manages.</summary>
public sealed record ZoneConfig(
    IReadOnlySet<string> Interfaces,
    IReadOnlySet<string> Sources,
    IReadOnlySet<string> Services,
    IReadOnlySet<string> Ports,
    IReadOnlySet<string> RichRules)
{
    public static readonly ZoneConfig Empty = new(
        new HashSet<string>(), new HashSet<string>(), new HashSet<string>(), new HashSet<string>(), new HashSet<string>());

    /// <summary>What the zone does with what nothing else allows: default, ACCEPT (trusted), DROP, REJECT.</summary>
    public string Target { get; init; } = "default";

    public IReadOnlySet<string> Items(FirewallItemKind kind) => kind switch
    {
        FirewallItemKind.Service => Services,
        FirewallItemKind.Port => Ports,
        FirewallItemKind.Source => Sources,
        _ => RichRules,
    };

    /// <summary>
    /// Parses <c>firewall-cmd --list-all</c>: "  key: v1 v2" lines; rich rules follow their key one
    /// per line (tab-indented), because a rule contains spaces and cannot share a line.
    /// </summary>
    public static ZoneConfig ParseListAll(IEnumerable<string> lines)
    {
        var values = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var rich = new HashSet<string>(StringComparer.Ordinal);
        var inRich = false;
        foreach (var raw in lines)
        {
            if (raw.StartsWith('\t') && inRich)
            {
                if (raw.Trim() is { Length: > 0 } rule) rich.Add(rule);
                continue;
            }
            var colon = raw.IndexOf(':', StringComparison.Ordinal);
            if (!raw.StartsWith(' ') || colon < 0) { inRich = false; continue; }
            var key = raw[..colon].Trim();
            inRich = key == "rich rules";
            if (inRich) continue;
            values[key] = raw[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        }
        IReadOnlySet<string> Get(string key) => values.GetValueOrDefault(key) ?? new HashSet<string>();
        return new ZoneConfig(Get("interfaces"), Get("sources"), Get("services"), Get("ports"), rich)
        {
            Target = Get("target").FirstOrDefault() ?? "default",
        };
    }
}

/// <summary>The item kinds a zone holds, each with its firewall-cmd option stem (--add-STEM / --remove-STEM).</summary>
public enum FirewallItemKind { Service, Port, Source, RichRule }

public static class FirewallItemKinds
{
    public static string Stem(this FirewallItemKind kind) => kind switch
    {
        FirewallItemKind.Service => "service",
        FirewallItemKind.Port => "port",
        FirewallItemKind.Source => "source",
        _ => "rich-rule",
    };
}
