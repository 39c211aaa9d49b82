namespace Provisioner.Inventories;

/// <summary>
/// Every group's hosts as Ansible lists them (Group.get_hosts): its own first, then those of its
/// children, level by level, each host once. The order of <c>groups['web']</c> and of <c>web[0]</c>.
/// </summary>
public static class GroupMembers
{
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Of(Inventory inventory) =>
        inventory.Groups.ToDictionary(g => g.Name, g => Of(inventory, g), StringComparer.Ordinal);

    public static IReadOnlyList<string> Of(Inventory inventory, InventoryGroup group)
    {
        var hosts = new List<string>();
        var seenHosts = new HashSet<string>(StringComparer.Ordinal);
        var seenGroups = new HashSet<string>(StringComparer.Ordinal) { group.Name };
        var level = new List<InventoryGroup> { group };
        while (level.Count > 0)
        {
            foreach (var h in level.SelectMany(g => g.Hosts))
                if (seenHosts.Add(h)) hosts.Add(h);
            level = level.SelectMany(g => g.Children).Where(seenGroups.Add).Select(inventory.FindGroup).OfType<InventoryGroup>().ToList();
        }
        return hosts;
    }
}
