using Provisioner.Yaml;

namespace Provisioner.Inventories;

/// <summary>
/// The hosts and groups of an Ansible-shaped inventory. Vars stay as YAML nodes so precedence is
/// applied later (per host, per play) and every value keeps its file:line:column.
/// </summary>
public sealed record Inventory(string Path, IReadOnlyList<InventoryHost> Hosts, IReadOnlyList<InventoryGroup> Groups)
{
    public const string AllGroup = "all";

    /// <summary>Hosts in no group but <c>all</c>; always a child of <c>all</c>, as in Ansible.</summary>
    public const string UngroupedGroup = "ungrouped";

    public InventoryHost? FindHost(string name) => Hosts.FirstOrDefault(h => h.Name == name);

    public InventoryGroup? FindGroup(string name) => Groups.FirstOrDefault(g => g.Name == name);

    /// <summary>
    /// Without an inventory file there is one host, <c>localhost</c>, as in Ansible; it lets a playbook
    /// be validated on its own.
    /// </summary>
    public static Inventory Implicit()
    {
        var span = SourceSpan.CommandLine("(implicit inventory)");
        var host = new InventoryHost("localhost", [], span) { Vars = MapNode.Empty(span) };
        return new Inventory("(implicit)", [host], [new InventoryGroup(AllGroup, ["localhost"], [], 0, span) { Vars = MapNode.Empty(span) }]);
    }
}

/// <summary>
/// One host. <see cref="Groups"/> holds every group it belongs to directly or through a child group
/// (never <c>all</c>; <c>ungrouped</c> when it is in no other), ordered as their vars apply.
/// </summary>
public sealed record InventoryHost(string Name, IReadOnlyList<string> Groups, SourceSpan Span)
{
    /// <summary>Vars written inline under the host in the inventory (merged if the host is listed twice).</summary>
    public MapNode Vars { get; init; } = MapNode.Empty(Span);

    /// <summary>host_vars/NAME.yml (or the files of host_vars/NAME/) of each inventory source, in load order.</summary>
    public IReadOnlyList<IReadOnlyList<MapNode>> VarsFilesBySource { get; init; } = [];

    public IReadOnlyList<MapNode> VarsFiles => VarsFilesBySource.SelectMany(f => f).ToList();
}

/// <summary>
/// One group. <see cref="Depth"/> is the longest chain of <c>children</c> from <c>all</c> (all = 0),
/// used to let a child group's vars win over its parent's (then <see cref="Priority"/>, then the name).
/// </summary>
public sealed record InventoryGroup(
    string Name,
    IReadOnlyList<string> Hosts,
    IReadOnlyList<string> Children,
    int Depth,
    SourceSpan Span)
{
    /// <summary>Vars written inline under the group's <c>vars:</c>.</summary>
    public MapNode Vars { get; init; } = MapNode.Empty(Span);

    /// <summary>group_vars/NAME.yml (or the files of group_vars/NAME/) of each inventory source; they win over every group's inline vars.</summary>
    public IReadOnlyList<IReadOnlyList<MapNode>> VarsFilesBySource { get; init; } = [];

    public IReadOnlyList<MapNode> VarsFiles => VarsFilesBySource.SelectMany(f => f).ToList();

    /// <summary>
    /// <c>ansible_group_priority</c> from the inventory (default 1): among groups of the same depth, a
    /// higher one's vars win. It is a setting of the group, not a variable.
    /// </summary>
    public int Priority { get; init; } = 1;
}
