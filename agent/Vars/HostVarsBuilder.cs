using Provisioner.Inventories;
using Provisioner.Templating;
using Provisioner.Yaml;

namespace Provisioner.Variables;

/// <summary>One layer of variables and where in the precedence order it sits.</summary>
public sealed record VarsLayer(string Level, MapNode Values);

/// <summary>
/// Computes one host's variables in Ansible's documented order for the levels provision has. Lowest
/// to highest (a later layer replaces a whole value, mappings are not deep-merged — Ansible's default):
/// <list type="number">
/// <item>play <c>defaults</c>, then <c>defaults_files</c> in order (Ansible's role defaults: values the
///   playbook means as overridable)</item>
/// <item>the inventory files' group vars: <c>all</c>, then the host's groups sorted by depth,
///   <c>ansible_group_priority</c> and name (a child beats its parent)</item>
/// <item>group_vars/all of each inventory source in turn</item>
/// <item>group_vars/GROUP of each source in turn, the groups in the same order — every group_vars file
///   beats every group var written in an inventory file</item>
/// <item>host vars written in the inventory, then host_vars/HOST of each source</item>
/// <item>play <c>vars</c>, then <c>vars_files</c> in order</item>
/// <item>(a stage's and a task's vars, for that stage or task alone: <see cref="ScopedVars"/>)</item>
/// <item><c>--vars-file</c> files, then <c>-e</c> values, in order</item>
/// </list>
/// A name marked secret in any layer stays secret whichever layer wins (<see cref="SecretNames"/>).
/// Then <c>inventory_hostname</c>, <c>host</c> (connection settings plus every variable),
/// <c>groups</c> and <c>group_names</c> are set. Facts are added later by the engine.
/// </summary>
public sealed class HostVarsBuilder(Inventory inventory, IReadOnlyList<MapNode> commandLineLayers, SecretSet secrets)
{
    public SecretSet Secrets => secrets;

    private readonly Lazy<IReadOnlyDictionary<string, object?>> _groups =
        new(() => GroupMembers.Of(inventory).ToDictionary(g => g.Key, g => (object?)g.Value.Cast<object?>().ToList(), StringComparer.Ordinal));

    /// <param name="playLayers">The play's vars and vars_files (above the inventory).</param>
    /// <param name="playDefaults">The play's defaults and defaults_files (below it).</param>
    public IReadOnlyList<VarsLayer> Layers(InventoryHost host, IReadOnlyList<MapNode> playLayers, IReadOnlyList<MapNode>? playDefaults = null)
    {
        var layers = new List<VarsLayer>();
        layers.AddRange((playDefaults ?? []).Select(p => new VarsLayer("play defaults", p)));
        layers.AddRange(InventoryLayers(host));
        layers.AddRange(playLayers.Select(p => new VarsLayer("play", p)));
        layers.AddRange(commandLineLayers.Select(c => new VarsLayer("command line", c)));
        return layers;
    }

    /// <summary>What the inventory alone gives the host (what <c>ansible-inventory --host</c> shows), lowest first.</summary>
    public IReadOnlyList<VarsLayer> InventoryLayers(InventoryHost host)
    {
        var all = inventory.FindGroup(Inventory.AllGroup);
        var groups = host.Groups.Select(inventory.FindGroup).OfType<InventoryGroup>().ToList();
        List<InventoryGroup> withAll = all is null ? groups : [all, .. groups];
        // Source by source, as Ansible's vars plugins run: every group's files of the first -i, then the next.
        var sources = withAll.Select(g => g.VarsFilesBySource.Count).DefaultIfEmpty(0).Max();
        var layers = new List<VarsLayer>();
        foreach (var g in withAll) layers.Add(new VarsLayer($"group {g.Name}", g.Vars));
        if (all is not null)
            for (var s = 0; s < sources; s++) layers.AddRange(FilesOf(all.VarsFilesBySource, s).Select(f => new VarsLayer($"group_vars {all.Name}", f)));
        for (var s = 0; s < sources; s++)
            foreach (var g in groups) layers.AddRange(FilesOf(g.VarsFilesBySource, s).Select(f => new VarsLayer($"group_vars {g.Name}", f)));
        layers.Add(new VarsLayer($"host {host.Name}", host.Vars));
        layers.AddRange(host.VarsFiles.Select(f => new VarsLayer($"host_vars {host.Name}", f)));
        return layers;
    }

    private static IReadOnlyList<MapNode> FilesOf(IReadOnlyList<IReadOnlyList<MapNode>> bySource, int source) =>
        source < bySource.Count ? bySource[source] : [];

    public Vars Build(InventoryHost host, IReadOnlyList<MapNode> playLayers, Diagnostics diagnostics, IReadOnlyList<MapNode>? playDefaults = null) =>
        BuildHost(host, playLayers, diagnostics, playDefaults).Vars;

    /// <summary>The host's variables and how to reach it, read from them once.</summary>
    public (Vars Vars, Transport.HostConnection Connection) BuildHost(InventoryHost host, IReadOnlyList<MapNode> playLayers, Diagnostics diagnostics, IReadOnlyList<MapNode>? playDefaults = null)
    {
        var vars = Vars.Empty(secrets);
        var layers = Layers(host, playLayers, playDefaults);
        foreach (var layer in layers) vars = vars.Merge(Vars.LayerFrom(layer.Values, secrets));
        SecretNames.Register(vars, layers.SelectMany(l => SecretNames.In(l.Values)), secrets);

        // The layer that won a name is the one to point at when its value is wrong.
        SourceSpan? SpanOf(string name) => layers.LastOrDefault(l => l.Values.Get(name) is not null)?.Values.Get(name)!.Span;
        var connection = ConnectionSettings.From(vars, host.Name, diagnostics, host.Span, SpanOf);
        var hostDict = new Dictionary<string, object?>(vars.Values)
        {
            ["name"] = connection.Name,
            ["address"] = connection.Address,
            ["port"] = (long)connection.Port,
            ["user"] = connection.User,
        };
        // As Ansible's magic variables: the host's group names sorted, and every group with its hosts.
        var groupNames = host.Groups.Order(StringComparer.Ordinal).Cast<object?>().ToList();
        // `host` repeats the user's vars, so it is a layer of theirs: its strings are templates too.
        return (vars
            .Merge([new("host", hostDict)])
            .With("inventory_hostname", host.Name)
            .With("groups", _groups.Value)
            .With("group_names", groupNames)
            .Pin(commandLineLayers.SelectMany(l => l.Keys)), connection);
    }
}
