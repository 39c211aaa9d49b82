namespace Provisioner.Playbooks;

/// <summary>
/// Where an import is read from: the files from the playbook down to the one that holds the import,
/// whose directory its path is relative to (Ansible's rule for nested task files).
/// </summary>
internal sealed record ImportChain(IReadOnlyList<string> Files, string Directory)
{
    public static ImportChain Of(string playbook, string baseDirectory) =>
        new([Path.GetFullPath(Path.Combine(baseDirectory, Path.GetFileName(playbook)))], baseDirectory);

    /// <summary>How many imports deep: 0 in the playbook itself.</summary>
    public int Depth => Files.Count - 1;

    public ImportChain Enter(string file) => new([.. Files, file], Path.GetDirectoryName(file) ?? Directory);
}
