using Provisioner.Playbooks;
using Provisioner.Templating;
using Provisioner.Yaml;

namespace Provisioner.Variables;

/// <summary>
/// Loads a play's own variable layers, lowest first: its vars, then each of its vars_files in order
/// (Ansible's order: vars_files beat vars); <see cref="LoadDefaults"/> the same for defaults and defaults_files.
/// </summary>
public static class PlayVarsLoader
{
    public static IReadOnlyList<MapNode> LoadDefaults(Play play, string baseDirectory, Diagnostics diagnostics, Vault.VaultKeys? vault = null) =>
        Load(play.Defaults, play.DefaultsFiles, baseDirectory, diagnostics, vault);

    public static IReadOnlyList<MapNode> Load(Play play, string baseDirectory, Diagnostics diagnostics, Vault.VaultKeys? vault = null) =>
        Load(play.Vars, play.VarsFiles, baseDirectory, diagnostics, vault);

    private static IReadOnlyList<MapNode> Load(MapNode inline, IReadOnlyList<VarsFileRef> files, string baseDirectory, Diagnostics diagnostics, Vault.VaultKeys? vault)
    {
        var layers = new List<MapNode> { inline };
        foreach (var file in files)
        {
            // A templated path (vars/{{ facts.os_family }}.yml) can only be resolved on the host.
            if (TemplateEngine.IsTemplate(file.Path)) continue;
            var full = Path.Combine(baseDirectory, file.Path);
            if (!File.Exists(full))
            {
                diagnostics.Add(file.Span, $"vars file '{file.Path}' not found (looked for {full})", "vars_files are relative to the playbook's directory");
                continue;
            }
            if (VarsFile.Load(full, diagnostics, vault) is { } m) layers.Add(m);
        }
        return layers;
    }
}
