namespace Provisioner.Transport.SshConfig;

/// <summary>
/// Applies the OpenSSH client configuration to a host as ssh would see it (<c>ssh -G</c>), keeping what
/// the inventory set, as Ansible does: the inventory's address is the name ssh matches <c>Host</c>
/// against (its <c>HostName</c> applies), and its user, port, identity file and known_hosts win.
/// Each ProxyJump hop is resolved the same way (with <c>-F</c> only, as ssh's own jump does).
/// </summary>
public static class SshConfigResolver
{
    /// <returns>The host with the configuration applied, or a problem naming the host and the fix.</returns>
    /// <param name="userConfig">The user's own ssh configuration, which only ssh can read.</param>
    public static (HostConnection? Host, string? Problem) Resolve(HostConnection c, string program = "ssh", string userConfig = "~/.ssh/config")
    {
        if (c.SshConfig is not { } args) return (c, null);
        var run = SshConfigProcess.Run(SshConfigQuery.Arguments(c.Address, args), program);
        if (run.Output is null)
        {
            userConfig = HomePath.Expand(userConfig);
            if (!args.Any && !File.Exists(userConfig)) return (c, null); // nothing configured that only ssh could read
            var what = args.Any ? "ssh_config / ansible_ssh_common_args" : userConfig;
            return (null, $"{c.Name}: the OpenSSH client (ssh) is not installed, so {what} cannot be read; " +
                          "install it (apt install openssh-client, dnf install openssh-clients) or set address, user, port and identity_file in the inventory");
        }
        if (run.Problem is not null)
            return (null, $"{c.Name}: ssh -G {c.Address} (reading the ssh client configuration) failed: {run.Problem}; fix ssh_config or ansible_ssh_common_args, or ~/.ssh/config");

        var config = SshResolvedConfig.Parse(run.Output);
        var host = Apply(c, config, Environment.UserName);
        if (config.ProxyJump is null) return (host, null);

        if (JumpSpec.ParseList(config.ProxyJump) is not { } hops)
            return (null, $"{c.Name}: ProxyJump '{config.ProxyJump}' is not a list of [user@]host[:port]; fix it in the ssh configuration or ansible_ssh_common_args");
        var jumps = new List<HostConnection>();
        foreach (var hop in hops)
        {
            var hopRun = SshConfigProcess.Run(SshConfigQuery.Arguments(hop.Host, args with { Options = [] }, hop.User, hop.Port), program);
            if (hopRun.Problem is not null || hopRun.Output is null)
                return (null, $"{c.Name}: ssh -G for the jump host {hop} failed: {hopRun.Problem}; fix the ssh configuration");
            jumps.Add(Hop(c, hop, SshResolvedConfig.Parse(hopRun.Output)));
        }
        return (host with { Jumps = jumps }, null);
    }

    /// <summary>Pure: the host with <paramref name="config"/> applied where the inventory is silent.</summary>
    public static HostConnection Apply(HostConnection c, SshResolvedConfig config, string localUser)
    {
        var set = c.Set;
        var host = c with
        {
            Address = config.HostName.Length > 0 ? config.HostName : c.Address,
            User = set.HasFlag(InventorySet.User) ? c.User : ConfiguredUser(config, localUser) ?? c.User,
            Port = set.HasFlag(InventorySet.Port) ? c.Port : config.Port,
            IdentityFiles = set.HasFlag(InventorySet.Identity) ? [] : config.IdentityFiles.Select(HomePath.Expand).ToList(),
            CertificateFiles = config.CertificateFiles.Select(HomePath.Expand).ToList(),
            IdentityAgent = Agent(config.IdentityAgent),
            IdentitiesOnly = config.IdentitiesOnly,
        };
        return set.HasFlag(InventorySet.KnownHosts) || config.KnownHostsFiles.Count == 0
            ? host
            : host with { KnownHostsFile = config.KnownHostsFiles[0] };
    }

    /// <summary>A jump host: its own configuration; the final host's known_hosts and key (when the inventory set them) serve it too.</summary>
    private static HostConnection Hop(HostConnection target, JumpSpec spec, SshResolvedConfig config)
    {
        var hop = Apply(new HostConnection(spec.ToString(), spec.Host) { ConnectTimeout = target.ConnectTimeout, IdentityPassphraseEnv = target.IdentityPassphraseEnv },
            config, Environment.UserName);
        if (spec.User is not null) hop = hop with { User = spec.User };
        if (target.Set.HasFlag(InventorySet.KnownHosts)) hop = hop with { KnownHostsFile = target.KnownHostsFile };
        if (target.IdentityFile is { } key) hop = hop with { IdentityFiles = [.. hop.IdentityFiles, key] };
        return hop;
    }

    /// <summary>ssh prints the local login name when nothing sets User; provision's default (root) applies then.</summary>
    private static string? ConfiguredUser(SshResolvedConfig config, string localUser) =>
        config.User.Length > 0 && config.User != localUser ? config.User : null;

    private static string? Agent(string? identityAgent) => identityAgent switch
    {
        null or "SSH_AUTH_SOCK" or "$SSH_AUTH_SOCK" => null,
        "none" => "none",
        _ when identityAgent.StartsWith('$') => Environment.GetEnvironmentVariable(identityAgent[1..]) ?? "none",
        _ => HomePath.Expand(identityAgent),
    };
}
