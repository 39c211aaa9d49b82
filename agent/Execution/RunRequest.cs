namespace Provisioner.Execution;

/// <summary>One invocation: which playbook, inventories (<c>-i</c> may be repeated) and extra variables, and how to run.</summary>
public sealed record RunRequest(
    string PlaybookPath,
    IReadOnlyList<string> InventoryPaths,
    IReadOnlyList<string> VarsFiles,
    IReadOnlyList<string> ExtraVars,
    RunOptions Options)
{
    /// <summary>Passwords for ansible-vault files and <c>!vault</c> values.</summary>
    public Vault.VaultKeys Vault { get; init; } = Provisioner.Vault.VaultKeys.None;

    /// <summary>Secret: the sudo password asked for with -K, for hosts whose inventory gives none.</summary>
    public string? BecomePassword { get; init; }

    /// <summary>-u, --private-key, -b, -T: defaults the inventory overrides.</summary>
    public ConnectionDefaults Connection { get; init; } = ConnectionDefaults.None;
}
