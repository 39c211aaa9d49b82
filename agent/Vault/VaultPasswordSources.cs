using Provisioner.Yaml;

namespace Provisioner.Vault;

/// <summary>
/// Reads vault passwords as ansible-vault does: <c>--vault-password-file FILE</c> (an executable file
/// is run and its output is the password), <c>--vault-id [ID@]FILE|prompt</c>, <c>--ask-vault-pass</c>,
/// and <c>ANSIBLE_VAULT_PASSWORD_FILE</c>. Surrounding white space is not part of a password. A
/// client script is asked for the id its source names, as ansible-core asks it: <c>default</c> for the
/// password-file sources, ID for <c>--vault-id ID@FILE</c>, none for <c>--vault-id FILE</c>.
/// </summary>
public static class VaultPasswordSources
{
    public const string EnvironmentVariable = "ANSIBLE_VAULT_PASSWORD_FILE";

    /// <summary>An ansible.cfg's vault_password_file and vault_identity_list, with where each is written.</summary>
    public sealed record ConfigSources(string? File, SourceSpan FileAt, IReadOnlyList<string> Ids, SourceSpan IdsAt)
    {
        public static readonly ConfigSources None = new(null, SourceSpan.None, [], SourceSpan.None);
    }

    /// <param name="prompt">Asks the terminal for a password; null with a diagnostic when there is none.</param>
    /// <param name="config">Ansible adds these to the command line's; its vault_password_file counts only when the environment variable is unset.</param>
    public static VaultKeys Load(IReadOnlyList<string> files, IReadOnlyList<string> ids, bool ask, string? environmentFile,
        Func<string, string, Diagnostics, string?> prompt, Diagnostics d, ConfigSources? config = null)
    {
        config ??= ConfigSources.None;
        var passwords = new List<VaultPassword>();
        void Add(string? id, string source, string? secret)
        {
            if (secret is not null) passwords.Add(new VaultPassword(id, source) { Secret = secret });
        }
        const string byDefault = VaultClientScript.DefaultId;
        if (environmentFile is { Length: > 0 }) Add(null, environmentFile, FromFile(environmentFile, Named(EnvironmentVariable, environmentFile), byDefault, d));
        else if (config.File is { } configFile) Add(null, configFile, FromFile(configFile, config.FileAt, byDefault, d));
        foreach (var file in files) Add(null, file, FromFile(file, Named("--vault-password-file", file), byDefault, d));
        foreach (var (spec, fromConfig) in config.Ids.Select(i => (i, true)).Concat(ids.Select(i => (i, false))))
        {
            var at = spec.IndexOf('@', StringComparison.Ordinal);
            var (id, source) = at > 0 ? (spec[..at], spec[(at + 1)..]) : (null, spec);
            var where = fromConfig ? config.IdsAt : Named("--vault-id", source);
            Add(id, source, source == "prompt" ? prompt($"Vault password ({id ?? byDefault}): ", fromConfig ? $"{config.IdsAt}: vault_identity_list" : "--vault-id", d) : FromFile(source, where, id, d));
        }
        if (ask) Add(null, "prompt", prompt("Vault password: ", "--ask-vault-pass", d));
        return new VaultKeys(passwords);
    }

    private static SourceSpan Named(string option, string path) => SourceSpan.CommandLine($"{option} {path}");

    private static string? FromFile(string path, SourceSpan at, string? vaultId, Diagnostics d)
    {
        // At a line of a file (ansible.cfg) the path is not on the line the error names, so the message does.
        var named = at.Line > 0 ? $"'{path}': " : "";
        if (!File.Exists(path))
        {
            d.Add(at, $"{named}file not found", "name the file that holds the vault password");
            return null;
        }
        if (FileType.NotRegular(path) is null && (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0) return VaultScript.Run(path, at, d, vaultId);
        if (InputFile.ReadText(path, d, at) is not { } text) return null;
        var password = text.Trim();
        if (password.Length == 0) d.Add(at, $"{named}the vault password file is empty", "write the password into it");
        return password.Length == 0 ? null : password;
    }
}
