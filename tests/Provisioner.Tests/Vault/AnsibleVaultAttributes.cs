namespace Provisioner.Tests.VaultTests;

/// <summary>
/// Tests that run the real ansible-vault: skipped, with the reason, where it is not installed
/// (tests/run-all installs Debian's ansible-core, so CI always runs them).
/// </summary>
internal static class AnsibleVaultTool
{
    public const string Missing = "ansible-vault is not installed: apt-get install ansible-core (tests/run-all does)";

    public static bool Installed { get; } = (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(':', StringSplitOptions.RemoveEmptyEntries)
        .Any(dir => File.Exists(Path.Combine(dir, "ansible-vault")));
}

public sealed class AnsibleVaultFactAttribute : FactAttribute
{
    public AnsibleVaultFactAttribute()
    {
        if (!AnsibleVaultTool.Installed) Skip = AnsibleVaultTool.Missing;
    }
}

public sealed class AnsibleVaultTheoryAttribute : TheoryAttribute
{
    public AnsibleVaultTheoryAttribute()
    {
        if (!AnsibleVaultTool.Installed) Skip = AnsibleVaultTool.Missing;
    }
}
