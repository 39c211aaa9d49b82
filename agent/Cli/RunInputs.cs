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
    public static RunRequest Build(CliOptions o, ParseResult pr, RunOptions options, SecretSet secrets, Diagnostics d, bool connects = true)
    {
        var (vault, become) = Passwords(o, pr, secrets, d, connects);
        return new RunRequest(pr.GetValue(o.Playbook)!, pr.GetValue(o.Inventory) ?? [], pr.GetValue(o.VarsFile) ?? [], pr.GetValue(o.ExtraVars) ?? [], options)
        {
            Vault = vault,
            BecomePassword = become,
            Connection = Connection(o.Ansible, pr),
        };
    }

    /// <summary>-u, --private-key, -b and -T, where the command has them.</summary>
    public static ConnectionDefaults Connection(AnsibleFlags flags, ParseResult pr) =>
        pr.GetResult(flags.User) is null && pr.GetResult(flags.PrivateKey) is null && pr.GetResult(flags.Become) is null && pr.GetResult(flags.Timeout) is null
            ? ConnectionDefaults.None
            : new ConnectionDefaults(pr.GetValue(flags.User), pr.GetValue(flags.PrivateKey), pr.GetValue(flags.Become), pr.GetValue(flags.Timeout));

    /// <summary>The vault passwords and the -K password (null when not asked for); errors go to <paramref name="d"/>.</summary>
    public static (VaultKeys Vault, string? BecomePassword) Passwords(CliOptions o, ParseResult pr, SecretSet secrets, Diagnostics d, bool connects = true)
    {
        var vault = VaultPasswordSources.Load(pr.GetValue(o.VaultPasswordFile) ?? [], pr.GetValue(o.VaultId) ?? [], pr.GetValue(o.AskVaultPass),
            Environment.GetEnvironmentVariable(VaultPasswordSources.EnvironmentVariable), TerminalPrompt.ReadSecret, d);
        foreach (var p in vault.Passwords) secrets.Add(p.Secret);
        var become = connects && pr.GetValue(o.AskBecomePass) ? TerminalPrompt.ReadSecret("BECOME password: ", "--ask-become-pass", d) : null;
        if (become is not null) secrets.Add(become);
        return (vault, become);
    }
}
