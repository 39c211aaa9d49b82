using Provisioner.Yaml;

namespace Provisioner.Inventories;

/// <summary>
/// Collects groups and hosts while the inventory is read (a group or host may be declared in several
/// places, as in Ansible), then freezes them into an <see cref="Inventory"/>.
/// </summary>
internal sealed class InventoryBuilder(Diagnostics diagnostics)
{
    private static readonly string[] GroupKeys = ["hosts", "children", "vars"];

    private sealed class GroupDraft(string name, SourceSpan span)
    {
        public string Name { get; } = name;
        public SourceSpan Span { get; } = span;
        public List<string> Hosts { get; } = [];
        public List<string> Children { get; } = [];
        public List<KeyValuePair<ScalarNode, Node>> Vars { get; } = [];
        public MapNode? VarsNode { get; set; }
    }

    private sealed class HostDraft(string name, SourceSpan span)
    {
        public string Name { get; } = name;
        public SourceSpan Span { get; } = span;
        public List<KeyValuePair<ScalarNode, Node>> Vars { get; } = [];
    }

    private readonly Dictionary<string, GroupDraft> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HostDraft> _hosts = new(StringComparer.Ordinal);
    private readonly List<string> _groupOrder = [];
    private readonly List<string> _hostOrder = [];

    public void Group(ScalarNode key, Node value, string? parent)
    {
        var group = GroupNamed(key.Value, key.Span);
        if (parent is not null)
        {
            var p = GroupNamed(parent, key.Span);
            if (!p.Children.Contains(group.Name)) p.Children.Add(group.Name);
        }
        if (value is ScalarNode s && s.IsNull) return;
        if (value is not MapNode map)
        {
            diagnostics.Add(value.Span, $"group '{key.Value}' must be a mapping", "write hosts:, children: and vars: under it");
            return;
        }
        foreach (var (k, v) in map.Entries)
        {
            switch (k.Value)
            {
                case "hosts": Hosts(group, v); break;
                case "children": Children(group, v); break;
                case "vars": Vars(v, group.Vars, $"vars of group '{group.Name}'"); group.VarsNode ??= v as MapNode; break;
                default:
                    diagnostics.Add(k.Span, $"unknown key '{k.Value}' in group '{group.Name}'",
                        Suggest.DidYouMean(k.Value, GroupKeys) is { } m ? $"did you mean '{m}'?" : "a group has hosts:, children: and vars:");
                    break;
            }
        }
    }

    private void Hosts(GroupDraft group, Node value)
    {
        if (value is ScalarNode s && s.IsNull) return;
        if (value is not MapNode map)
        {
            diagnostics.Add(value.Span, $"'hosts' of group '{group.Name}' must be a mapping of host names", "write each host as 'NAME:' (optionally followed by its vars)");
            return;
        }
        foreach (var (k, v) in map.Entries)
        {
            // host:5309 and [2001:db8::2]:2200, as Ansible's YAML inventory reads its keys.
            var (pattern, port) = HostAddress.Split(k.Value);
            var (names, problem) = HostRange.Expand(pattern);
            if (problem is not null)
                diagnostics.Add(k.Span, $"host '{k.Value}': {problem}", "write a range as [01:10], [a:f] or [1:10:2]");
            foreach (var name in names)
            {
                if (!_hosts.TryGetValue(name, out var host))
                {
                    _hosts[name] = host = new HostDraft(name, k.Span);
                    _hostOrder.Add(name);
                }
                if (!group.Hosts.Contains(host.Name)) group.Hosts.Add(host.Name);
                if (port is not null) Vars(PortVars(port.Value, k.Span), host.Vars, $"vars of host '{host.Name}'");
                if (v is not ScalarNode { IsNull: true }) Vars(v, host.Vars, $"vars of host '{host.Name}'");
            }
        }
    }

    /// <summary>The port written after a host's name: its <c>ansible_port</c>, which the host's own vars may still set.</summary>
    public static MapNode PortVars(int port, SourceSpan span) =>
        new([new(new ScalarNode("ansible_port", span), new ScalarNode(port.ToString(System.Globalization.CultureInfo.InvariantCulture), span))], span);

    private void Children(GroupDraft group, Node value)
    {
        if (value is ScalarNode s && s.IsNull) return;
        if (value is not MapNode map)
        {
            diagnostics.Add(value.Span, $"'children' of group '{group.Name}' must be a mapping of group names", "write each child group as 'NAME:' with its own hosts:");
            return;
        }
        foreach (var (k, v) in map.Entries) Group(k, v, group.Name);
    }

    private void Vars(Node value, List<KeyValuePair<ScalarNode, Node>> into, string what)
    {
        if (value is ScalarNode s && s.IsNull) return;
        if (value is not MapNode map)
        {
            diagnostics.Add(value.Span, $"{what} must be a mapping", "write NAME: VALUE pairs");
            return;
        }
        // A later declaration of the same host or group wins, as in Ansible.
        foreach (var e in map.Entries)
        {
            into.RemoveAll(x => x.Key.Value == e.Key.Value);
            into.Add(e);
        }
    }

    private GroupDraft GroupNamed(string name, SourceSpan span)
    {
        if (_groups.TryGetValue(name, out var g)) return g;
        _groupOrder.Add(name);
        return _groups[name] = new GroupDraft(name, span);
    }

    /// <param name="varsDirectories">group_vars/ and host_vars/ of each source, in order: a later one wins.</param>
    public Inventory Build(string path, IReadOnlyList<(VarsDirectory Group, VarsDirectory Host)> varsDirectories)
    {
        Reconcile(new SourceSpan(path.Split(',')[0], 1, 1));
        var depths = GroupDepths.Compute(_groups.ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Value.Children), g => _groups[g].Span, diagnostics);
        var members = GroupDepths.Members(_groups.ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Value.Hosts), _groups.ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Value.Children));

        var groups = _groupOrder.Select(n => _groups[n]).Select(g => new InventoryGroup(g.Name, g.Hosts, g.Children, depths.GetValueOrDefault(g.Name), g.Span)
        {
            Vars = new MapNode(g.Vars.Where(v => v.Key.Value != GroupPriority.Key).ToList(), g.VarsNode?.Span ?? g.Span),
            VarsFilesBySource = varsDirectories.Select(v => v.Group.Load(g.Name, diagnostics)).ToList(),
            Priority = GroupPriority.Read(g.Vars, g.Name, diagnostics),
        }).ToList();

        // Ansible's sort_groups: depth, then ansible_group_priority, then name — the order group vars apply in.
        var hosts = _hostOrder.Select(n => _hosts[n]).Select(h => new InventoryHost(
            h.Name,
            groups.Where(g => g.Name != Inventory.AllGroup && members[g.Name].Contains(h.Name))
                  .OrderBy(g => g.Depth).ThenBy(g => g.Priority).ThenBy(g => g.Name, StringComparer.Ordinal).Select(g => g.Name).ToList(),
            h.Span)
        {
            Vars = new MapNode(h.Vars, h.Span),
            VarsFilesBySource = varsDirectories.Select(v => v.Host.Load(h.Name, diagnostics)).ToList(),
        }).ToList();

        foreach (var (groupVars, hostVars) in varsDirectories)
        {
            ReportOrphans(groupVars, "group_vars", _groupOrder);
            ReportOrphans(hostVars, "host_vars", _hostOrder);
        }
        return new Inventory(path, hosts, groups);
    }

    /// <summary>
    /// Ansible's rules once every source is read: <c>all</c> and <c>ungrouped</c> always exist, in that
    /// order, <c>ungrouped</c> the first child of <c>all</c>; a group no other group lists becomes a child of
    /// <c>all</c>; a host in no group but <c>all</c> is in <c>ungrouped</c>, and one that is in another group
    /// is not (a host listed before any INI section and later in [web]).
    /// </summary>
    private void Reconcile(SourceSpan span)
    {
        var all = GroupNamed(Inventory.AllGroup, span);
        var ungrouped = GroupNamed(Inventory.UngroupedGroup, span);
        _groupOrder.Remove(all.Name);
        _groupOrder.Remove(ungrouped.Name);
        _groupOrder.InsertRange(0, [all.Name, ungrouped.Name]);
        all.Children.Remove(ungrouped.Name);
        all.Children.Insert(0, ungrouped.Name);
        foreach (var name in _groupOrder.Skip(2))
            if (!_groups.Values.Any(g => g.Children.Contains(name)) && !all.Children.Contains(name)) all.Children.Add(name);
        foreach (var host in _hostOrder)
        {
            var grouped = _groups.Values.Any(g => g.Name is not (Inventory.AllGroup or Inventory.UngroupedGroup) && g.Hosts.Contains(host));
            if (grouped) ungrouped.Hosts.Remove(host);
            else if (!ungrouped.Hosts.Contains(host)) ungrouped.Hosts.Add(host);
        }
    }

    /// <summary>
    /// Ansible ignores vars files for names the inventory lacks (kubespray and DebOps ship them for
    /// groups a site may not have), and so does provision; told at -v, since a typo drops the vars.
    /// </summary>
    private void ReportOrphans(VarsDirectory dir, string what, IReadOnlyList<string> known)
    {
        foreach (var (name, file) in dir.Entries())
        {
            if (known.Contains(name)) continue;
            var kind = what == "group_vars" ? "group" : "host";
            diagnostics.Note(new SourceSpan(file, 1, 1), $"{what}/{Path.GetFileName(file)} is for {kind} '{name}', which the inventory does not define: not read, as in Ansible",
                Suggest.DidYouMean(name, known) is { } s ? $"did you mean '{s}'? rename the file" : null);
        }
    }
}
