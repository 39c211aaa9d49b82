using System.CommandLine;
using Provisioner.Execution;
using Provisioner.Templating;
using Provisioner.Vault;
using Provisioner.Yaml;

namespace Provisioner.Cli;

/// <summary>
/// What the command line says about a run's inputs, in one place: playbook, inventories, variables,
/// vault passwords and the -K sudo password. Passwords are asked for here, before anything is read,
/// and join the run's secrets at once.
/// </summary>
public static class RunInputs
{
    /// <param name="connects">False for validate: it accepts -K, so a command line can move between commands, but asks nothing.</param>
    /// <param name="config">The ansible.cfg found: its values stand in for the flags that are absent.</param>
    public static RunRequest Build(CliOptions o, ParseResult pr, RunOptions options, SecretSet secrets, Diagnostics d, AnsibleConfig config, bool connects = true)
    {
        var (vault, become) = Passwords(o, pr, secrets, d, config, connects);
        return new RunRequest(pr.GetValue(o.Playbook)!, Inventories(o, pr, config), pr.GetValue(o.VarsFile) ?? [], pr.GetValue(o.ExtraVars) ?? [], options)
        {
            Vault = vault,
            BecomePassword = become,
            Connection = Connection(o.Ansible, pr, config),
        };
    }

    /// <summary>-i, or else ansible.cfg's inventory (Ansible's -i replaces it, it does not add to it).</summary>
    public static IReadOnlyList<string> Inventories(CliOptions o, ParseResult pr, AnsibleConfig config) =>
        pr.GetValue(o.Inventory) is { Length: > 0 } given ? given : config.Inventory;

    /// <summary>--accept-new-host-keys, or ansible.cfg's host_key_checking = False.</summary>
    public static bool AcceptNewHostKeys(CliOptions o, ParseResult pr, AnsibleConfig config) =>
        pr.GetValue(o.AcceptNewHostKeys) || config.HostKeyChecking == false;

    /// <summary>-f, or else ansible.cfg's forks, or else 5.</summary>
    public static int Forks(CliOptions o, ParseResult pr, AnsibleConfig config) =>
        pr.Given(o.Forks) ? pr.GetValue(o.Forks) : config.Forks ?? pr.GetValue(o.Forks);

    /// <summary>-u, --private-key, -b and -T, where the command has them; ansible.cfg's remote_user, private_key_file and become where it does not.</summary>
    public static ConnectionDefaults Connection(AnsibleFlags flags, ParseResult pr, AnsibleConfig config)
    {
        var user = pr.GivenValue(flags.User) ?? config.RemoteUser;
        var key = pr.GivenValue(flags.PrivateKey) ?? config.PrivateKeyFile;
        var become = pr.Given(flags.Become) ? pr.GetValue(flags.Become) : config.Become ?? false;
        var timeout = pr.GivenValue(flags.Timeout);
        return user is null && key is null && !become && timeout is null ? ConnectionDefaults.None : new ConnectionDefaults(user, key, become, timeout);
    }

    /// <summary>The vault passwords and the -K password (null when not asked for); errors go to <paramref name="d"/>.</summary>
    public static (VaultKeys Vault, string? BecomePassword) Passwords(CliOptions o, ParseResult pr, SecretSet secrets, Diagnostics d, AnsibleConfig config, bool connects = true)
    {
        var fromConfig = new VaultPasswordSources.ConfigSources(config.VaultPasswordFile, config.At("vault_password_file"), config.VaultIdentityList, config.At("vault_identity_list"));
        var vault = VaultPasswordSources.Load(pr.GetValue(o.VaultPasswordFile) ?? [], pr.GetValue(o.VaultId) ?? [], pr.GetValue(o.AskVaultPass),
            Environment.GetEnvironmentVariable(VaultPasswordSources.EnvironmentVariable), TerminalPrompt.ReadSecret, d, fromConfig);
        foreach (var p in vault.Passwords) secrets.Add(p.Secret);
        var become = connects && pr.GetValue(o.AskBecomePass) ? TerminalPrompt.ReadSecret("BECOME password: ", "--ask-become-pass", d) : null;
        if (become is not null) secrets.Add(become);
        return (vault, become);
    }

    /// <summary>Every vault password source, the command line's and ansible.cfg's, so no report is written over one.</summary>
    public static IEnumerable<string> VaultSources(CliOptions o, ParseResult pr, AnsibleConfig config) =>
        [.. pr.GetValue(o.VaultPasswordFile) ?? [], .. pr.GetValue(o.VaultId) ?? [], .. config.VaultPasswordFile is { } f ? [f] : Array.Empty<string>(), .. config.VaultIdentityList];
}
