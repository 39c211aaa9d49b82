using System.Text;
using Provisioner.Yaml;

namespace Provisioner.Vault;

/// <summary>
/// The vault passwords of a run. Whatever they decrypt is a secret: callers mark it so (a whole file
/// is loaded as secret, an inline <c>!vault</c> value becomes a secret scalar). Passwords whose vault
/// id matches the data's are tried first, then the others, as ansible-vault does.
/// </summary>
public sealed class VaultKeys(IReadOnlyList<VaultPassword> passwords)
{
    public static readonly VaultKeys None = new([]);

    public IReadOnlyList<VaultPassword> Passwords => passwords;

    public const string HowToGive = "give the vault password with --vault-password-file FILE, --vault-id [ID@]FILE, --ask-vault-pass or ANSIBLE_VAULT_PASSWORD_FILE";

    /// <summary>The plaintext, or null with a diagnostic at <paramref name="at"/> that never quotes the data.</summary>
    /// <param name="what">What is encrypted, for the message (a file, a value).</param>
    public string? Decrypt(string vaultText, SourceSpan at, string what, Diagnostics d)
    {
        var (envelope, problem) = VaultEnvelope.Parse(vaultText);
        if (envelope is null)
        {
            d.Add(at, $"{what} cannot be decrypted: {problem}", "re-create it with ansible-vault encrypt (or encrypt_string)");
            return null;
        }
        if (passwords.Count == 0)
        {
            d.Add(at, $"{what} is encrypted with ansible-vault{(envelope.VaultId is null ? "" : $" (vault id '{envelope.VaultId}')")} and no vault password was given", HowToGive);
            return null;
        }
        var ordered = passwords.Where(p => p.Id == envelope.VaultId).Concat(passwords.Where(p => p.Id != envelope.VaultId));
        foreach (var password in ordered)
        {
            if (VaultCipher.Decrypt(envelope, Encoding.UTF8.GetBytes(password.Secret)) is not { } plain) continue;
            try
            {
                return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(plain);
            }
            catch (DecoderFallbackException)
            {
                d.Add(at, $"{what} decrypts to binary data, not text", "vault-encrypt the YAML text itself");
                return null;
            }
        }
        d.Add(at, $"{what} cannot be decrypted: wrong vault password{(envelope.VaultId is null ? "" : $" for vault id '{envelope.VaultId}'")} (tried {string.Join(", ", passwords)})",
            "give the password it was encrypted with (check the password file, or the ID@ of --vault-id)");
        return null;
    }
}
