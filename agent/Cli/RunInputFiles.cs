using Provisioner.Execution;
using Provisioner.Yaml;

namespace Provisioner.Cli;

/// <summary>
/// The files a run reads — playbook and the files it imports, inventories, vars files, vars_files,
/// templates and copy sources, keys, known_hosts, vault password files — each with what it is, so a
/// report is never written over one of them.
/// </summary>
public static class RunInputFiles
{
    public sealed record Input(string Path, string What);

    public static IReadOnlyList<Input> Of(RunRequest request, PreparedRun prepared, IEnumerable<string> vaultSources)
    {
        var inputs = new List<Input> { new(request.PlaybookPath, "the playbook") };
        inputs.AddRange(request.InventoryPaths.Where(p => !p.Contains(',', StringComparison.Ordinal)).Select(p => new Input(p, "an inventory")));
        inputs.AddRange(request.VarsFiles.Select(p => new Input(p, "a --vars-file")));
        inputs.AddRange(request.ExtraVars.Where(e => e.StartsWith('@')).Select(e => new Input(e[1..], "an -e @file")));
        inputs.AddRange(vaultSources.Select(VaultFile).OfType<string>().Select(p => new Input(p, "a vault password file")));
        if (prepared.Playbook is { } playbook)
        {
            inputs.AddRange(playbook.ImportedFiles.Select(f => new Input(f, "a file the playbook imports")));
            foreach (var play in playbook.Plays)
            {
                inputs.AddRange(play.VarsFiles.Select(v => new Input(v.Path, $"a vars_files entry of play '{play.Name}'")));
                inputs.AddRange(play.DefaultsFiles.Select(v => new Input(v.Path, $"a defaults_files entry of play '{play.Name}'")));
                foreach (var task in play.Stages.SelectMany(s => s.Tasks.Concat(s.Handlers)))
                    if (task.Args.Get("src") is ScalarNode { Value: var src } && !src.Contains("{{", StringComparison.Ordinal))
                        inputs.Add(new Input(Path.Combine(playbook.BaseDirectory, src), $"the src of task '{task.Name}'"));
            }
        }
        foreach (var host in prepared.Hosts)
        {
            inputs.Add(new Input(host.Connection.KnownHostsFile, $"the known_hosts file of host {host.Name}"));
            if (host.Connection.IdentityFile is { } key) inputs.Add(new Input(key, $"the identity_file of host {host.Name}"));
        }
        return inputs;
    }

    /// <summary>The file of a --vault-password-file or a --vault-id [ID@]FILE; null for a prompt.</summary>
    private static string? VaultFile(string source)
    {
        var file = source.Contains('@', StringComparison.Ordinal) ? source[(source.IndexOf('@', StringComparison.Ordinal) + 1)..] : source;
        return file is "prompt" or "" ? null : file;
    }

    /// <summary>Which input <paramref name="target"/> is (or lies inside), or null.</summary>
    public static Input? Find(string target, IEnumerable<Input> inputs)
    {
        var resolved = ReportFile.Resolve(target);
        foreach (var input in inputs)
        {
            var path = ReportFile.Resolve(input.Path);
            if (string.Equals(path, resolved, StringComparison.Ordinal)) return input;
            if (Directory.Exists(path) && resolved.StartsWith(path.TrimEnd('/') + "/", StringComparison.Ordinal)) return input with { What = $"inside {input.What} (a directory)" };
        }
        return null;
    }
}
