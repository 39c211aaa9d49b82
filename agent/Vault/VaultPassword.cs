namespace Provisioner.Vault;

/// <summary>
/// One vault password and where it came from (a file, a script, the prompt), so an error can say
/// which source did not fit. <see cref="Id"/> is the vault id it is for (<c>--vault-id ID@FILE</c>),
/// or null for any.
/// </summary>
public sealed record VaultPassword(string? Id, string Source)
{
    public required string Secret { get; init; }

    // Records print every property; this one is a secret.
    public override string ToString() => Id is null ? Source : $"{Id}@{Source}";
}
