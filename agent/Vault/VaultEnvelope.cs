using System.Globalization;

namespace Provisioner.Vault;

/// <summary>
/// The text form of an ansible-vault secret: a header line
/// <c>$ANSIBLE_VAULT;1.1;AES256</c> (or <c>1.2;AES256;VAULT_ID</c>) then hex lines. The hex decodes to
/// three hex-encoded lines: salt, HMAC and ciphertext.
/// </summary>
public sealed record VaultEnvelope(string Version, string? VaultId, byte[] Salt, byte[] Hmac, byte[] Ciphertext)
{
    public const string Magic = "$ANSIBLE_VAULT;";

    public static bool IsVault(string text) => text.TrimStart().StartsWith(Magic, StringComparison.Ordinal);

    /// <summary>The envelope, or the reason it is not one (never quoting the text, which may be a secret).</summary>
    public static (VaultEnvelope? Envelope, string? Problem) Parse(string text)
    {
        var lines = text.Trim().Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        if (lines.Count < 2 || !lines[0].StartsWith(Magic, StringComparison.Ordinal))
            return (null, "not an ansible-vault text (no '$ANSIBLE_VAULT;' header followed by data)");
        var header = lines[0].Split(';');
        if (header.Length < 3 || header[1] is not ("1.1" or "1.2"))
            return (null, $"unsupported vault format version '{(header.Length > 1 ? header[1] : "")}' (1.1 and 1.2 are supported)");
        if (header[2].Trim() != "AES256")
            return (null, $"unsupported vault cipher '{header[2]}' (only AES256 is supported)");
        var vaultId = header[1] == "1.2" && header.Length > 3 ? header[3].Trim() : null;

        var outer = Hex(string.Concat(lines.Skip(1)));
        if (outer is null) return (null, "the vault data is not hexadecimal (the file was cut or edited)");
        var parts = System.Text.Encoding.ASCII.GetString(outer).Split('\n');
        if (parts.Length != 3 || Hex(parts[0]) is not { } salt || Hex(parts[1]) is not { } hmac || Hex(parts[2]) is not { } cipher)
            return (null, "the vault data is damaged (expected salt, HMAC and ciphertext)");
        return (new VaultEnvelope(header[1], vaultId, salt, hmac, cipher), null);
    }

    private static byte[]? Hex(string text)
    {
        if (text.Length % 2 != 0) return null;
        try { return Convert.FromHexString(text); }
        catch (FormatException) { return null; }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"vault {Version}{(VaultId is null ? "" : " id " + VaultId)}");
}
