using Provisioner.Inventories;

namespace Provisioner.Variables;

/// <summary>
/// Ansible's <c>groups</c> variable: every group of the inventory with its hosts, its own first and then
/// those of its children, level by level (Group.get_hosts), each host once.
/// </summary>
internal static class GroupMembers
{
    public static IReadOnlyDictionary<string, object?> Of(Inventory inventory)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var group in inventory.Groups)
        {
            var hosts = new List<object?>();
            var seenHosts = new HashSet<string>(StringComparer.Ordinal);
            var seenGroups = new HashSet<string>(StringComparer.Ordinal) { group.Name };
            var level = new List<InventoryGroup> { group };
            while (level.Count > 0)
            {
                foreach (var g in level)
                    foreach (var h in g.Hosts)
                        if (seenHosts.Add(h)) hosts.Add(h);
                level = level.SelectMany(g => g.Children).Where(seenGroups.Add).Select(inventory.FindGroup).OfType<InventoryGroup>().ToList();
            }
            result[group.Name] = hosts;
        }
        return result;
    }
}
