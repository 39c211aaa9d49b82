using Provisioner.Yaml;

namespace Provisioner.Inventories;

/// <summary>Which files of an inventory source are read, and as which dialect.</summary>
internal static class InventorySource
{
    // Ansible's inventory_ignore_extensions: editor and tool leftovers, and .ini/.cfg, which in a
    // directory are usually ansible.cfg and the like rather than inventories.
    private static readonly string[] Ignored = ["~", ".orig", ".bak", ".ini", ".cfg", ".retry", ".pyc", ".pyo", ".swp"];
    private static readonly string[] YamlExtensions = [".yml", ".yaml", ".json"];

    /// <summary>The inventory files of a directory source, in name order, as Ansible reads them.</summary>
    public static IEnumerable<string> FilesOf(string directory) =>
        Directory.EnumerateFiles(directory)
            .Where(f => !Path.GetFileName(f).StartsWith('.') && !Ignored.Any(e => f.EndsWith(e, StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal);

    /// <summary>
    /// YAML by extension, INI for .ini; any other file is INI unless its first line reads like YAML
    /// (<c>all:</c>, <c>---</c>, <c>{</c>) — Ansible's default inventory (/etc/ansible/hosts) has no extension.
    /// </summary>
    public static bool IsIni(string path, string text)
    {
        if (YamlExtensions.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase))) return false;
        if (path.EndsWith(".ini", StringComparison.OrdinalIgnoreCase)) return true;
        var first = text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && l[0] is not ('#' or ';'));
        return first is not null && !(first.StartsWith("---", StringComparison.Ordinal) || first.StartsWith('{') || first.EndsWith(':') || first.Contains(": ", StringComparison.Ordinal));
    }

    /// <summary>An executable file is an Ansible dynamic inventory script, which provision does not run.</summary>
    public static bool RefuseScript(string path, Diagnostics d)
    {
        // Not a regular file (a loop of links too): reading it reports that.
        if (!File.Exists(path) || FileType.NotRegular(path) is not null || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) == 0) return false;
        using var reader = new StreamReader(path);
        var buffer = new char[2];
        if (reader.Read(buffer, 0, 2) != 2 || buffer[0] != '#' || buffer[1] != '!') return false;
        d.Add(SourceSpan.CommandLine(path), "is an executable script (an Ansible dynamic inventory), which provision does not run",
            "provision reads static inventories only: write the hosts to a YAML or INI file, or remove the execute bit if this is one");
        return true;
    }
}
