using Provisioner.Yaml;

namespace Provisioner.Vault;

/// <summary>
/// Reads vault passwords as ansible-vault does: <c>--vault-password-file FILE</c> (an executable file
/// is run and its output is the password), <c>--vault-id [ID@]FILE|prompt</c>, <c>--ask-vault-pass</c>,
/// and <c>ANSIBLE_VAULT_PASSWORD_FILE</c>. Surrounding white space is not part of a password.
/// </summary>
public static class VaultPasswordSources
{
    public const string EnvironmentVariable = "ANSIBLE_VAULT_PASSWORD_FILE";

    /// <param name="prompt">Asks the terminal for a password; null with a diagnostic when there is none.</param>
    public static VaultKeys Load(IReadOnlyList<string> files, IReadOnlyList<string> ids, bool ask, string? environmentFile,
        Func<string, string, Diagnostics, string?> prompt, Diagnostics d)
    {
        var passwords = new List<VaultPassword>();
        void Add(string? id, string source, string? secret)
        {
            if (secret is not null) passwords.Add(new VaultPassword(id, source) { Secret = secret });
        }
        if (environmentFile is { Length: > 0 }) Add(null, environmentFile, FromFile(environmentFile, EnvironmentVariable, d));
        foreach (var file in files) Add(null, file, FromFile(file, "--vault-password-file", d));
        foreach (var spec in ids)
        {
            var at = spec.IndexOf('@', StringComparison.Ordinal);
            var (id, source) = at > 0 ? (spec[..at], spec[(at + 1)..]) : (null, spec);
            Add(id, source, source == "prompt" ? prompt($"Vault password ({id ?? "default"}): ", "--vault-id", d) : FromFile(source, "--vault-id", d));
        }
        if (ask) Add(null, "prompt", prompt("Vault password: ", "--ask-vault-pass", d));
        return new VaultKeys(passwords);
    }

    private static string? FromFile(string path, string option, Diagnostics d)
    {
        var at = SourceSpan.CommandLine($"{option} {path}");
        if (!File.Exists(path))
        {
            d.Add(at, "file not found", "name the file that holds the vault password");
            return null;
        }
        if (FileType.NotRegular(path) is null && (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0) return VaultScript.Run(path, at, d);
        if (InputFile.ReadText(path, d, at) is not { } text) return null;
        var password = text.Trim();
        if (password.Length == 0) d.Add(at, "the vault password file is empty", "write the password into it");
        return password.Length == 0 ? null : password;
    }
}
