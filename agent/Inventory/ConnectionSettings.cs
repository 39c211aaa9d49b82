using System.Globalization;
using Provisioner.Templating;
using Provisioner.Transport;
using Provisioner.Transport.SshConfig;
using Provisioner.Yaml;

namespace Provisioner.Inventories;

/// <summary>
/// How to reach one host (a <see cref="HostConnection"/>, the one record of it), read from its resolved
/// vars — here and nowhere else. Our own key names and Ansible's spellings are both accepted (ours win
/// when both are set) so an existing Ansible inventory works unchanged.
/// </summary>
public static class ConnectionSettings
{
    // Ansible's older names (ansible_ssh_host, …) still work there, and win over the current ones when
    // both are set (its config takes the last of a setting's variables): so here too.
    public static readonly string[] AddressKeys = ["address", "ansible_ssh_host", "ansible_host"];
    public static readonly string[] PortKeys = ["port", "ansible_ssh_port", "ansible_port"];
    public static readonly string[] UserKeys = ["user", "ansible_ssh_user", "ansible_user"];
    public static readonly string[] IdentityKeys = ["identity_file", "ansible_ssh_private_key_file", "ansible_private_key_file"];
    public static readonly string[] BecomeKeys = ["become", "ansible_become"];
    public static readonly string[] BecomePasswordKeys = ["become_password", "ansible_become_password", "ansible_become_pass", "ansible_sudo_pass"];
    public static readonly string[] SshConfigKeys = ["ssh_config"];
    public static readonly string[] SshArgsKeys = ["ansible_ssh_common_args"];
    private static readonly string[] KnownHostsKeys = ["known_hosts"];
    private static readonly string[] PassphraseEnvKeys = ["identity_passphrase_env"];

    private static readonly IReadOnlySet<string> Read = new[] { AddressKeys, PortKeys, UserKeys, IdentityKeys, BecomeKeys, BecomePasswordKeys, SshArgsKeys }
        .SelectMany(k => k).ToHashSet(StringComparer.Ordinal);

    /// <param name="spanOf">Where a variable was written, when the caller knows (errors then point at the value).</param>
    public static HostConnection From(Vars hostVars, string hostName, Diagnostics diagnostics, SourceSpan? span = null, Func<string, SourceSpan?>? spanOf = null)
    {
        span ??= SourceSpan.CommandLine($"host '{hostName}'");
        var reader = new Reader(hostVars, hostName, diagnostics, k => spanOf?.Invoke(k) ?? span);
        var becomePassword = reader.Text(BecomePasswordKeys);
        if (becomePassword is not null && !hostVars.Secrets.Contains(becomePassword))
        {
            // Mask it anyway, but make the user mark it: an unmarked password ends up in git and logs.
            hostVars.Secrets.Add(becomePassword);
            diagnostics.Add(reader.SpanOf(BecomePasswordKeys), $"the become password of host '{hostName}' is not marked secret",
                "tag it '!secret', or move it to a file named *.secret.yml or one encrypted with ansible-vault");
        }
        AnsibleKeys.Check(hostVars.Values.Keys, Read, k => reader.Text([k]), hostName, diagnostics, k => reader.SpanOf([k]));
        var connection = new HostConnection(hostName, reader.Word(AddressKeys, "the address", "address: 192.0.2.10 (or a DNS name), or leave it out to use the host's name") ?? hostName)
        {
            Port = reader.Port(),
            User = reader.Word(UserKeys, "the SSH user", "user: root (or the login name), or leave it out for root") ?? "root",
            IdentityFile = reader.Text(IdentityKeys),
            Become = reader.Bool(BecomeKeys),
            BecomePassword = becomePassword,
            IdentityPassphraseEnv = reader.Text(PassphraseEnvKeys),
            SshConfig = SshArgs(reader, hostName, diagnostics),
            Set = (reader.Has(UserKeys) ? InventorySet.User : 0) | (reader.Has(PortKeys) ? InventorySet.Port : 0)
                | (reader.Has(IdentityKeys) ? InventorySet.Identity : 0) | (reader.Has(KnownHostsKeys) ? InventorySet.KnownHosts : 0)
                | (reader.Has(BecomeKeys) ? InventorySet.Become : 0),
        };
        var knownHosts = reader.Text(KnownHostsKeys);
        var configKeys = reader.Has(SshConfigKeys) ? SshConfigKeys : SshArgsKeys;
        ConnectionFiles.Check(hostName, diagnostics,
            (reader.KeyOf(IdentityKeys), connection.IdentityFile, reader.SpanOf(IdentityKeys)),
            ("known_hosts", knownHosts, reader.SpanOf(KnownHostsKeys)),
            (reader.KeyOf(configKeys), connection.SshConfig?.ConfigFile, reader.SpanOf(configKeys)));
        return knownHosts is not null ? connection with { KnownHostsFile = knownHosts } : connection;
    }

    /// <summary>The ssh client configuration to consult: <c>ssh_config</c> (a file, as <c>-F</c>) and Ansible's common args.</summary>
    private static SshClientArgs SshArgs(Reader reader, string hostName, Diagnostics diagnostics)
    {
        var file = reader.Text(SshConfigKeys);
        if (reader.Text(SshArgsKeys) is not { } common) return new SshClientArgs(file, []);
        var (args, problem) = SshClientArgs.Parse(common, file);
        if (args is not null) return args;
        diagnostics.Add(reader.SpanOf(SshArgsKeys), $"ansible_ssh_common_args of host '{hostName}': {problem}",
            "write e.g. ansible_ssh_common_args: '-F ~/.ssh/other_config -o ProxyJump=admin@bastion:22'");
        return new SshClientArgs(file, []);
    }

    private sealed class Reader(Vars vars, string host, Diagnostics diagnostics, Func<string, SourceSpan> spanOf)
    {
        /// <summary>The position of the first of <paramref name="keys"/> that is set.</summary>
        public SourceSpan SpanOf(string[] keys) => spanOf(KeyOf(keys));

        /// <summary>The first of <paramref name="keys"/> that is set (the first of all when none is), as a message names it.</summary>
        public string KeyOf(string[] keys) => keys.FirstOrDefault(k => vars.Values.GetValueOrDefault(k) is not null) ?? keys[0];

        public bool Has(string[] keys) => keys.Any(k => vars.Values.GetValueOrDefault(k) is not null);

        public string? Text(string[] keys)
        {
            foreach (var k in keys)
            {
                if (!vars.Values.TryGetValue(k, out var v) || v is null) continue;
                var text = Convert.ToString(v, CultureInfo.InvariantCulture) ?? "";
                if (!TemplateEngine.IsTemplate(text)) return text;
                var r = TemplateEngine.Render(text, vars);
                if (r.Ok) return r.Text;
                diagnostics.Add(spanOf(k), $"'{k}' of host '{host}': {r.Problem}", "define the variable it uses for this host");
                return null;
            }
            return null;
        }

        /// <summary>A value that must be one non-empty word: an empty address would fail only when connecting.</summary>
        public string? Word(string[] keys, string what, string example)
        {
            var text = Text(keys);
            if (text is null) return null;
            if (text.Trim().Length == 0)
                diagnostics.Add(SpanOf(keys), $"{what} of host '{host}' is empty", $"write {example}");
            else if (text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
                diagnostics.Add(SpanOf(keys), $"{what} of host '{host}' contains a space or control character: '{text}'", $"write {example}");
            else
                return text;
            return null;
        }

        public int Port()
        {
            var text = Text(PortKeys);
            if (text is null) return 22;
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is > 0 and < 65536) return p;
            diagnostics.Add(SpanOf(PortKeys), $"the SSH port of host '{host}' must be a whole number from 1 to 65535, not '{text}'", "write port: 22");
            return 22;
        }

        public bool Bool(string[] keys)
        {
            var text = Text(keys);
            if (text is null) return false;
            if (BooleanWords.Read(text) is { } b) return b;
            diagnostics.Add(SpanOf(keys), $"'become' of host '{host}' must be true or false, not '{text}'", "write become: true");
            return false;
        }
    }
}
