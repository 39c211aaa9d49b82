using System.Diagnostics;
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
        if ((File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0) return FromScript(path, at, d);
        if (InputFile.ReadText(path, d, at) is not { } text) return null;
        var password = text.Trim();
        if (password.Length == 0) d.Add(at, "the vault password file is empty", "write the password into it");
        return password.Length == 0 ? null : password;
    }

    /// <summary>A password script (a client of a password manager); its output is never shown.</summary>
    private static string? FromScript(string path, SourceSpan at, Diagnostics d)
    {
        var psi = new ProcessStartInfo(Path.GetFullPath(path)) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        try
        {
            using var process = Process.Start(psi)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                process.Kill(entireProcessTree: true);
                d.Add(at, "the vault password script did not finish within 60 s", "check the script");
                return null;
            }
            if (process.ExitCode != 0)
            {
                d.Add(at, $"the vault password script failed (exit {process.ExitCode})", "run it by hand to see why");
                return null;
            }
            _ = error.Result;
            var password = output.Result.Trim();
            if (password.Length == 0) d.Add(at, "the vault password script printed nothing", "make it print the password");
            return password.Length == 0 ? null : password;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            d.Add(at, $"cannot run the vault password script: {e.Message}", "check its first line (#!) and that it is executable");
            return null;
        }
    }
}
