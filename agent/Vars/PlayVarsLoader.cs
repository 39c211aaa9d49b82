using Provisioner.Playbooks;
using Provisioner.Templating;
using Provisioner.Yaml;

namespace Provisioner.Variables;

/// <summary>
/// Loads a play's own variable layers, lowest first: its vars, then each of its vars_files in order
/// (Ansible's order: vars_files beat vars); <see cref="OpenDefaults"/> the same for defaults and
/// defaults_files. A templated file name (<c>vars/{{ env }}.yml</c>) is rendered for each host, as
/// Ansible does, with what is known at that point — the layers before it, the inventory, --vars-file
/// and -e; facts are not, since they are read from the host after. A name that does not render, or a
/// file that is not there, is an error: such files used to be skipped without a word.
/// </summary>
public static class PlayVarsLoader
{
    public static PlayVarsFiles Open(Play play, string baseDirectory, Vault.VaultKeys? vault = null) => new(play.Vars, play.VarsFiles, baseDirectory, vault);

    public static PlayVarsFiles OpenDefaults(Play play, string baseDirectory, Vault.VaultKeys? vault = null) => new(play.Defaults, play.DefaultsFiles, baseDirectory, vault);
}

/// <summary>One play's inline layer and its files (vars or defaults), each file read once however many hosts name it.</summary>
public sealed class PlayVarsFiles(MapNode inline, IReadOnlyList<VarsFileRef> files, string baseDirectory, Vault.VaultKeys? vault)
{
    private readonly Dictionary<string, (MapNode? Layer, Diagnostics Found)> _files = new(StringComparer.Ordinal);
    private readonly HashSet<(Diagnostics, string)> _told = [];

    /// <param name="varsWith">One host's variables with these layers in place of the play's, to render a templated name with.</param>
    public IReadOnlyList<MapNode> For(Func<IReadOnlyList<MapNode>, Vars> varsWith, Diagnostics diagnostics)
    {
        var layers = new List<MapNode> { inline };
        foreach (var file in files)
        {
            var path = file.Path;
            if (TemplateEngine.IsTemplate(path))
            {
                var r = TemplateEngine.Render(path, varsWith(layers));
                if (!r.Ok)
                {
                    Tell(diagnostics, new Diagnostic(file.Span, $"vars_files entry '{path}': {r.Problem}", r.Undefined.Any(u => u.Split('.')[0] == "facts")
                        ? "facts are read from the host after the vars files are loaded: name the file with variables from vars, the inventory or -e"
                        : r.Fix ?? "define the variables it uses in the play's vars, the inventory or with -e"));
                    continue;
                }
                path = r.Text!;
            }
            if (Read(path, file.Span, diagnostics) is { } layer) layers.Add(layer);
        }
        return layers;
    }

    private MapNode? Read(string path, SourceSpan at, Diagnostics diagnostics)
    {
        var full = Path.Combine(baseDirectory, path);
        if (!_files.TryGetValue(full, out var read))
        {
            var found = new Diagnostics();
            read = !File.Exists(full)
                ? (null, Found(found, at, $"vars file '{path}' not found (looked for {full})", "vars_files are relative to the playbook's directory"))
                : (VarsFile.Load(full, found, vault), found);
            _files[full] = read;
        }
        foreach (var d in read.Found) Tell(diagnostics, d);
        foreach (var w in read.Found.Warnings) diagnostics.Warn(w.Span, w.Message, w.Fix);
        return read.Layer;
    }

    private static Diagnostics Found(Diagnostics found, SourceSpan at, string message, string fix)
    {
        found.Add(at, message, fix);
        return found;
    }

    /// <summary>Each problem once into the same diagnostics (a run's, for every host), not once per host.</summary>
    private void Tell(Diagnostics diagnostics, Diagnostic d)
    {
        if (_told.Add((diagnostics, d.ToString()))) diagnostics.Add(d.Span, d.Message, d.Fix);
    }
}
