using Provisioner.Inventories;
using Provisioner.Templating;
using Provisioner.Yaml;

namespace Provisioner.Variables;

/// <summary>One layer of variables and where in the precedence order it sits.</summary>
public sealed record VarsLayer(string Level, MapNode Values);

/// <summary>
/// Computes one host's variables. Precedence, lowest to highest (a later layer replaces a whole
/// value, mappings are not deep-merged — Ansible's default):
/// <list type="number">
/// <item>play vars_files, in order</item>
/// <item>play vars</item>
/// <item>group <c>all</c>: inline vars, then group_vars/all</item>
/// <item>the host's other groups, shallow to deep (a child group beats its parent); groups at the
///   same depth apply in ordinal name order, so the alphabetically later one wins. Within a group,
///   group_vars files beat the inventory's inline vars.</item>
/// <item>host inline vars, then host_vars files</item>
/// <item><c>--vars-file</c> files, in order</item>
/// <item><c>-e</c> values, in order</item>
/// </list>
/// A name marked secret in any layer stays secret whichever layer wins (<see cref="SecretNames"/>).
/// Then <c>inventory_hostname</c>, <c>host</c> (connection settings plus every variable),
/// <c>groups</c> and <c>group_names</c> are set. Facts are added later by the engine.
/// </summary>
public sealed class HostVarsBuilder(Inventory inventory, IReadOnlyList<MapNode> commandLineLayers, SecretSet secrets)
{
    public SecretSet Secrets => secrets;

    public IReadOnlyList<VarsLayer> Layers(InventoryHost host, IReadOnlyList<MapNode> playLayers)
    {
        var layers = new List<VarsLayer>();
        layers.AddRange(playLayers.Select(p => new VarsLayer("play", p)));
        layers.AddRange(InventoryLayers(host));
        layers.AddRange(commandLineLayers.Select(c => new VarsLayer("command line", c)));
        return layers;
    }

    /// <summary>What the inventory alone gives the host (what <c>ansible-inventory --host</c> shows), lowest first.</summary>
    public IReadOnlyList<VarsLayer> InventoryLayers(InventoryHost host)
    {
        var layers = new List<VarsLayer>();
        var groups = new[] { Inventory.AllGroup }.Concat(host.Groups)
            .Select(inventory.FindGroup).OfType<InventoryGroup>();
        foreach (var g in groups)
        {
            layers.Add(new VarsLayer($"group {g.Name}", g.Vars));
            layers.AddRange(g.VarsFiles.Select(f => new VarsLayer($"group_vars {g.Name}", f)));
        }
        layers.Add(new VarsLayer($"host {host.Name}", host.Vars));
        layers.AddRange(host.VarsFiles.Select(f => new VarsLayer($"host_vars {host.Name}", f)));
        return layers;
    }

    public Vars Build(InventoryHost host, IReadOnlyList<MapNode> playLayers, Diagnostics diagnostics) =>
        BuildHost(host, playLayers, diagnostics).Vars;

    /// <summary>The host's variables and how to reach it, read from them once.</summary>
    public (Vars Vars, Transport.HostConnection Connection) BuildHost(InventoryHost host, IReadOnlyList<MapNode> playLayers, Diagnostics diagnostics)
    {
        var vars = Vars.Empty(secrets);
        var layers = Layers(host, playLayers);
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
        var groupNames = host.Groups.Cast<object?>().ToList();
        // `host` repeats the user's vars, so it is a layer of theirs: its strings are templates too.
        return (vars
            .Merge([new("host", hostDict)])
            .With("inventory_hostname", host.Name)
            .With("groups", groupNames)
            .With("group_names", groupNames), connection);
    }
}
