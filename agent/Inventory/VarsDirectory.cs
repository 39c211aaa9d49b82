using Provisioner.Yaml;

namespace Provisioner.Inventories;

/// <summary>
/// Reads Ansible's <c>group_vars/</c> and <c>host_vars/</c> directories: for a name, NAME.yml,
/// NAME.yaml, NAME (no extension) or every *.yml/*.yaml file of the directory NAME/, in name order.
/// </summary>
internal sealed class VarsDirectory(string directory, Vault.VaultKeys? vault = null)
{
    private static readonly string[] Extensions = [".yml", ".yaml", ""];

    public bool Exists => Directory.Exists(directory);

    public IReadOnlyList<MapNode> Load(string name, Diagnostics diagnostics)
    {
        if (!Exists) return [];
        var layers = new List<MapNode>();
        foreach (var ext in Extensions)
        {
            var file = Path.Combine(directory, name + ext);
            if (File.Exists(file) && VarsFile.Load(file, diagnostics, vault) is { } m) layers.Add(m);
        }
        var sub = Path.Combine(directory, name);
        if (Directory.Exists(sub))
        {
            foreach (var file in Directory.EnumerateFiles(sub).Where(IsYaml).Order(StringComparer.Ordinal))
                if (VarsFile.Load(file, diagnostics, vault) is { } m) layers.Add(m);
        }
        return layers;
    }

    /// <summary>Every name the directory has vars for, with where it is, so typos can be reported.</summary>
    public IEnumerable<(string Name, string Path)> Entries()
    {
        if (!Exists) yield break;
        foreach (var entry in Directory.EnumerateFileSystemEntries(directory).Order(StringComparer.Ordinal))
        {
            var fileName = Path.GetFileName(entry);
            if (fileName.StartsWith('.')) continue;
            if (Directory.Exists(entry)) yield return (fileName, entry);
            else if (IsYaml(entry)) yield return (Path.GetFileNameWithoutExtension(entry), entry);
            else if (Path.GetExtension(entry).Length == 0) yield return (fileName, entry);
        }
    }

    private static bool IsYaml(string path) =>
        path.EndsWith(".yml", StringComparison.Ordinal) || path.EndsWith(".yaml", StringComparison.Ordinal);
}
