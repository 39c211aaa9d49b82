using Provisioner.Playbooks;
using Provisioner.Templating;
using Provisioner.Yaml;

namespace Provisioner.Variables;

/// <summary>Loads a play's own variable layers: each of its vars_files in order, then its vars.</summary>
public static class PlayVarsLoader
{
    public static IReadOnlyList<MapNode> Load(Play play, string baseDirectory, Diagnostics diagnostics, Vault.VaultKeys? vault = null)
    {
        var layers = new List<MapNode>();
        foreach (var file in play.VarsFiles)
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
        layers.Add(play.Vars);
        return layers;
    }
}
