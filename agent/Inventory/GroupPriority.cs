using System.Globalization;
using Provisioner.Yaml;

namespace Provisioner.Inventories;

/// <summary>
/// <c>ansible_group_priority</c> written in the inventory: as in Ansible, a setting of the group (it
/// orders groups of the same depth) rather than a variable hosts see.
/// </summary>
internal static class GroupPriority
{
    public const string Key = "ansible_group_priority";

    public static int Read(IEnumerable<KeyValuePair<ScalarNode, Node>> vars, string group, Diagnostics d)
    {
        var entry = vars.LastOrDefault(v => v.Key.Value == Key);
        if (entry.Value is null) return 1;
        if (entry.Value is ScalarNode s && int.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var priority)) return priority;
        d.Add(entry.Value.Span, $"{Key} of group '{group}' must be a whole number", $"write {Key}: 10 (higher wins among groups of the same depth; the default is 1)");
        return 1;
    }
}
