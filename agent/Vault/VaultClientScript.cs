namespace Provisioner.Vault;

/// <summary>
/// ansible-core's rule for a password script that serves several vaults (a password manager's
/// client): a script whose file name, without its last extension, ends in <c>-client</c> is asked
/// for one vault id's password with <c>--vault-id ID</c>, and exits 2 when it has none for that id.
/// Any other script is run with no arguments, as before.
/// </summary>
internal static class VaultClientScript
{
    /// <summary>The id ansible-core gives a password file named without one (--vault-password-file, vault_password_file).</summary>
    public const string DefaultId = "default";

    /// <summary>ansible-core's <c>ClientScriptVaultSecret.VAULT_ID_UNKNOWN_RC</c>.</summary>
    public const int UnknownIdExit = 2;

    /// <summary>As ansible-core's <c>script_is_client</c>, which splits the name with Python's <c>os.path.splitext</c>.</summary>
    public static bool IsClient(string path) => Stem(Path.GetFileName(path)).EndsWith("-client", StringComparison.Ordinal);

    /// <summary>ansible-core passes <c>--vault-id</c> only when it has an id: <c>--vault-id FILE</c> names none.</summary>
    public static IReadOnlyList<string> Arguments(string path, string? id) =>
        IsClient(path) && !string.IsNullOrEmpty(id) ? ["--vault-id", id] : [];

    /// <summary>The name without its last extension; leading dots start none (<c>.pw-client</c> is all stem), as in Python.</summary>
    private static string Stem(string name)
    {
        var dot = name.LastIndexOf('.');
        return dot > 0 && name[..dot].TrimStart('.').Length > 0 ? name[..dot] : name;
    }
}
