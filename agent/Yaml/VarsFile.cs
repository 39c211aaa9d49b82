namespace Provisioner.Yaml;

/// <summary>
/// Loads a file of variables (a YAML mapping). A file named <c>*.secret.yml</c> or
/// <c>*.secrets.yml</c> has every value marked secret, so a whole file of passwords needs no tags; so
/// has a file encrypted with ansible-vault.
/// </summary>
public static class VarsFile
{
    private static readonly string[] SecretSuffixes = [".secret.yml", ".secrets.yml", ".secret.yaml", ".secrets.yaml"];

    public static bool IsSecretName(string path) =>
        SecretSuffixes.Any(s => Path.GetFileName(path).EndsWith(s, StringComparison.OrdinalIgnoreCase));

    private const UnixFileMode GroupOrOthers = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Returns the file's mapping, or null (with a diagnostic) when it is missing or not a mapping.</summary>
    public static MapNode? Load(string path, Diagnostics diagnostics, Vault.VaultKeys? vault = null)
    {
        var secret = IsSecretName(path);
        // As ssh does for a private key; a warning only, since a checkout of a repository makes 0644 files.
        if (secret && File.Exists(path) && FileType.NotRegular(path) is null && File.GetUnixFileMode(path) is var mode && (mode & GroupOrOthers) != 0)
            diagnostics.Warn(SourceSpan.CommandLine(path), $"secret file is readable by group or others (mode {Convert.ToString((int)mode & 0xFFF, 8).PadLeft(4, '0')})", $"chmod 600 {path}");
        switch (YamlLoader.LoadFile(path, diagnostics, allSecret: secret, vault))
        {
            case null: return null;
            case MapNode m: return m;
            case ScalarNode s when s.IsNull: return MapNode.Empty(s.Span);
            case var other:
                diagnostics.Add(other.Span, "a vars file must be a mapping of names to values", "write NAME: VALUE pairs at the top level");
                return null;
        }
    }
}
