using Provisioner.Yaml;

namespace Provisioner.Playbooks;

/// <summary>
/// The files one playbook's import_tasks and import_stage entries read: each loaded once however
/// often it is imported (so its errors are told once), a chain of imports that comes back to a file
/// refused with the chain named, and what imports bring in bounded — a file imported ten times by a
/// file imported ten times multiplies, and a playbook is hostile input like any other.
/// </summary>
internal sealed class Imports(string baseDirectory, Vault.VaultKeys? vault)
{
    public const int MaxTasks = 10_000;
    public const int MaxDepth = 64;

    private readonly Dictionary<string, Node?> _loaded = new(StringComparer.Ordinal);
    private readonly List<string> _files = [];
    private int _tasks;
    private bool _exceeded;

    /// <summary>Every file read, full paths, in the order first met.</summary>
    public IReadOnlyList<string> Files => _files;

    /// <summary>The file an import names, read, and the chain it is read in; null when it cannot be (told at <paramref name="path"/>).</summary>
    public (Node Root, ImportChain Chain)? Open(string key, ScalarNode path, ImportChain chain, Diagnostics d)
    {
        if (_exceeded) return null;
        if (Templating.TemplateEngine.IsTemplate(path.Value))
        {
            d.Add(path.Span, $"{key}: the file name cannot be a template: imports are read with the playbook, before any variable is known",
                "name the file itself (choose between files with when: on two imports)");
            return null;
        }
        var full = Path.GetFullPath(Path.Combine(chain.Directory, path.Value));
        if (chain.Files.Contains(full))
        {
            d.Add(path.Span, $"{key}: '{path.Value}' is already being imported: {string.Join(" → ", chain.Files.Append(full).Select(Shown))}",
                "a file cannot import itself, directly or through others: remove one of these imports");
            return null;
        }
        if (chain.Depth >= MaxDepth)
        {
            d.Add(path.Span, $"{key}: imports nest more than {MaxDepth} deep", "import the files side by side instead of each from the one before");
            return null;
        }
        if (!Path.Exists(full))
        {
            d.Add(path.Span, $"{key}: file '{path.Value}' not found (looked for {full})", $"{key} paths are relative to the directory of the file that holds the import");
            return null;
        }
        if (!_loaded.TryGetValue(full, out var root))
        {
            _loaded[full] = root = YamlLoader.LoadFile(full, d, vault: vault);
            _files.Add(full);
        }
        return root is null ? null : (root, chain.Enter(full));
    }

    /// <summary>Counts the tasks an import brings in; false past <see cref="MaxTasks"/>, told once, and nothing more is read.</summary>
    public bool Bring(int tasks, string key, ScalarNode at, Diagnostics d)
    {
        if (_exceeded) return false;
        _tasks += tasks;
        if (_tasks <= MaxTasks) return true;
        _exceeded = true;
        d.Add(at.Span, $"{key}: the playbook's imports bring in more than {MaxTasks} tasks", "import each file fewer times: a file that imports another several times multiplies its tasks");
        return false;
    }

    /// <summary>An empty file (no document, or nothing in it), told at its first line.</summary>
    public static bool Empty(string key, Node root, string fix, Diagnostics d)
    {
        if (root is not (MapNode { Entries.Count: 0 } or ScalarNode { IsNull: true })) return false;
        d.Add(root.Span, $"the file for {key} is empty", fix);
        return true;
    }

    private string Shown(string file) => Path.GetRelativePath(baseDirectory, file);
}
