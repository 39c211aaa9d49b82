using Provisioner.Yaml;

namespace Provisioner.Inventories;

/// <summary>
/// Loads an Ansible-shaped YAML inventory (<c>all: {hosts:, children:, vars:}</c>, groups nested
/// through <c>children</c> at any depth) plus <c>group_vars/</c> and <c>host_vars/</c> beside it.
/// </summary>
public static class InventoryLoader
{
    public static Inventory? Load(string path, Diagnostics diagnostics)
    {
        if (YamlLoader.LoadFile(path, diagnostics) is not { } root) return null;
        var builder = new InventoryBuilder(diagnostics);
        switch (root)
        {
            case MapNode map:
                foreach (var (key, value) in map.Entries)
                {
                    // Ansible allows top-level groups beside `all`; they are children of `all`.
                    if (key.Value == Inventory.AllGroup) builder.Group(key, value, parent: null);
                    else builder.Group(key, value, parent: Inventory.AllGroup);
                }
                break;
            case ScalarNode s when s.IsNull:
                break;
            default:
                diagnostics.Add(root.Span, "an inventory must be a mapping", "start with 'all:' and list hosts under 'hosts:' and groups under 'children:'");
                return null;
        }
        var dir = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        return builder.Build(path, new VarsDirectory(Path.Combine(dir, "group_vars")), new VarsDirectory(Path.Combine(dir, "host_vars")));
    }
}
