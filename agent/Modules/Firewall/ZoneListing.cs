namespace Provisioner.Modules.Firewall;

/// <summary>Every zone of one configuration (permanent or runtime), in firewalld's order.</summary>
public sealed record ZoneListing(IReadOnlyList<(string Name, ZoneConfig Config)> Zones)
{
    public static readonly ZoneListing Empty = new([]);

    /// <summary>The zone a NIC bound to none is in (its header says "(default…").</summary>
    public string? DefaultZone { get; init; }

    public ZoneConfig? Find(string zone) => Zones.Where(z => z.Name == zone).Select(z => z.Config).FirstOrDefault();

    /// <summary>The zone whose <c>interfaces:</c> line names the NIC; firewalld binds a NIC to one zone at most.</summary>
    public string? ZoneOf(string nic) => Zones.Where(z => z.Config.Interfaces.Contains(nic)).Select(z => z.Name).FirstOrDefault();

    /// <summary>
    /// Parses <c>firewall-cmd --list-all-zones</c>: a header at column 0 (<c>public (default, active)</c>,
    /// <c>internal</c>) starts each zone, followed by its indented <c>--list-all</c> lines.
    /// </summary>
    public static ZoneListing Parse(IEnumerable<string> lines)
    {
        var zones = new List<(string, ZoneConfig)>();
        string? name = null;
        string? defaultZone = null;
        var body = new List<string>();
        foreach (var line in lines)
        {
            if (line.Length == 0 || line[0] is ' ' or '\t')
            {
                body.Add(line);
                continue;
            }
            Flush();
            name = line.Split(' ', 2)[0].Trim();
            if (line.Contains("(default", StringComparison.Ordinal)) defaultZone = name;
        }
        Flush();
        return new ZoneListing(zones) { DefaultZone = defaultZone };

        void Flush()
        {
            if (name is not null) zones.Add((name, ZoneConfig.ParseListAll(body)));
            body.Clear();
        }
    }
}
