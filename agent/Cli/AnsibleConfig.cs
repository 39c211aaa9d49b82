using System.Collections.Immutable;
using Provisioner.Yaml;

namespace Provisioner.Cli;

/// <summary>
/// What an ansible.cfg says that provision acts on: each value is what the matching flag would give
/// when that flag is absent (-i, -u, --private-key, -f, --vault-password-file, --vault-id,
/// --accept-new-host-keys, -b). Paths are already resolved as Ansible resolves them: <c>~</c> expanded,
/// relative to the file's directory.
/// </summary>
/// <param name="File">The file read; null when there is none.</param>
public sealed record AnsibleConfig(string? File)
{
    public static readonly AnsibleConfig None = new((string?)null);

    /// <summary>[defaults] inventory: comma-separated paths, used when no -i is given.</summary>
    public IReadOnlyList<string> Inventory { get; init; } = [];

    /// <summary>[defaults] remote_user, as -u.</summary>
    public string? RemoteUser { get; init; }

    /// <summary>[defaults] private_key_file, as --private-key.</summary>
    public string? PrivateKeyFile { get; init; }

    /// <summary>[defaults] forks, as -f.</summary>
    public int? Forks { get; init; }

    /// <summary>[defaults] vault_password_file: read besides the command line's, unless ANSIBLE_VAULT_PASSWORD_FILE is set (Ansible's order).</summary>
    public string? VaultPasswordFile { get; init; }

    /// <summary>[defaults] vault_identity_list: [ID@]SOURCE entries tried before the command line's --vault-id, as Ansible does.</summary>
    public IReadOnlyList<string> VaultIdentityList { get; init; } = [];

    /// <summary>[defaults] host_key_checking: false trusts new host keys as --accept-new-host-keys does.</summary>
    public bool? HostKeyChecking { get; init; }

    /// <summary>[privilege_escalation] become, as -b.</summary>
    public bool? Become { get; init; }

    /// <summary>The line that set each key, so a value that fails later (a vault file not found) is told where it was written.</summary>
    public ImmutableDictionary<string, SourceSpan> Lines { get; init; } = ImmutableDictionary<string, SourceSpan>.Empty;

    public SourceSpan At(string key) => Lines.TryGetValue(key, out var at) ? at : SourceSpan.CommandLine($"{File}: {key}");
}
