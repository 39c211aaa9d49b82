using Provisioner.Vault;
using Provisioner.Yaml;

namespace Provisioner.Inventories;

/// <summary>
/// Loads inventories as Ansible does: one or several sources (<c>-i</c> repeated), each a YAML file
/// (<c>all: {hosts:, children:, vars:}</c>), an INI file, or a directory of such files; all sources
/// feed one inventory, so a group may be declared in several. <c>group_vars/</c> and
/// <c>host_vars/</c> are read beside each file, or inside a directory source. A source with commas
/// that is no file is a list of hosts (<c>-i web1,web2,</c>).
/// </summary>
public static class InventoryLoader
{
    public static Inventory? Load(string path, Diagnostics diagnostics, VaultKeys? vault = null) => LoadAll([path], diagnostics, vault);

    public static Inventory? LoadAll(IReadOnlyList<string> paths, Diagnostics diagnostics, VaultKeys? vault = null)
    {
        var builder = new InventoryBuilder(diagnostics);
        var varsDirs = new List<string>();
        foreach (var path in paths)
        {
            if (path.Trim().Length == 0)
            {
                diagnostics.Add(SourceSpan.CommandLine("-i"), "the inventory path is empty", "name an inventory file or directory after -i, or leave -i out");
                continue;
            }
            if (Directory.Exists(path))
            {
                varsDirs.Add(Path.GetFullPath(path));
                foreach (var file in InventorySource.FilesOf(path)) Read(file, builder, diagnostics, vault);
                continue;
            }
            if (!File.Exists(path) && path.Contains(',', StringComparison.Ordinal))
            {
                HostList(path, builder);
                continue;
            }
            varsDirs.Add(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
            if (!Read(path, builder, diagnostics, vault) && paths.Count == 1) return null;
        }
        var dirs = varsDirs.Distinct(StringComparer.Ordinal)
            .Select(d => (new VarsDirectory(Path.Combine(d, "group_vars"), vault), new VarsDirectory(Path.Combine(d, "host_vars"), vault)))
            .ToList();
        return builder.Build(string.Join(",", paths), dirs);
    }

    /// <summary><c>-i web1,10.0.0.2,</c>: hosts named on the command line, in <c>ungrouped</c> (as Ansible's host_list plugin: in <c>all</c> only).</summary>
    private static void HostList(string list, InventoryBuilder builder)
    {
        var span = SourceSpan.CommandLine($"-i {list}");
        // Each entry as Ansible's host_list reads it: web1:2222 and [2001:db8::2]:2200 carry a port; no ranges.
        var hosts = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(HostAddress.Split)
            .Select(h => new KeyValuePair<ScalarNode, Node>(new ScalarNode(h.Host, span),
                h.Port is { } port ? InventoryBuilder.PortVars(port, span) : new ScalarNode("", span))).ToList();
        builder.Group(new ScalarNode(Inventory.AllGroup, span), new MapNode([new(new ScalarNode("hosts", span), new MapNode(hosts, span))], span), parent: null);
    }

    /// <summary>Feeds one file to the builder; false when it could not be read at all.</summary>
    private static bool Read(string path, InventoryBuilder builder, Diagnostics diagnostics, VaultKeys? vault)
    {
        if (InventorySource.RefuseScript(path, diagnostics)) return false;
        if (YamlLoader.ReadText(path, diagnostics, vault) is not { } read) return false;
        Node? root = InventorySource.IsIni(path, read.Text)
            ? IniInventory.Read(read.Text, path, diagnostics)
            : YamlLoader.LoadText(read.Text, path, diagnostics, read.Vaulted, vault);
        switch (root)
        {
            case null: return false;
            case MapNode map when map.KeyNode("plugin") is { } plugin && map.Get("plugin") is ScalarNode { IsNull: false } name:
                diagnostics.Add(plugin.Span, $"'plugin: {name.Value}' is an inventory plugin configuration: inventory plugins are not supported",
                    $"write the hosts to a YAML or INI inventory; 'ansible-inventory -i {Path.GetFileName(path)} --list -y' prints one provision reads");
                return false;
            case MapNode map:
                // Top-level groups beside `all` become its children when no other group lists them (Build).
                foreach (var (key, value) in map.Entries) builder.Group(key, value, parent: null);
                return true;
            case ScalarNode s when s.IsNull:
                return true;
            default:
                diagnostics.Add(root.Span, "an inventory must be a mapping", "start with 'all:' and list hosts under 'hosts:' and groups under 'children:'");
                return false;
        }
    }
}
