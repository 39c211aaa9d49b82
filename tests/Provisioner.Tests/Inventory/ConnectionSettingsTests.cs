using System.Collections.Immutable;
using Provisioner.Inventories;
using Provisioner.Templating;
using Provisioner.Tests.Playbooks;
using Provisioner.Transport;
using Provisioner.Transport.SshConfig;
using Provisioner.Variables;
using Provisioner.Yaml;

namespace Provisioner.Tests.Inventories;

public sealed class ConnectionSettingsTests
{
    private static readonly string Home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    private static (HostConnection Settings, Diagnostics D, SecretSet Secrets) ForLabHost(string name)
    {
        var d = new Diagnostics();
        var inv = InventoryLoader.Load(Fixture.Path("inventory/hosts.yml"), d)!;
        var secrets = new SecretSet();
        var vars = new HostVarsBuilder(inv, [], secrets).Build(inv.FindHost(name)!, [], new Diagnostics());
        return (ConnectionSettings.From(vars, name, d), d, secrets);
    }

    [Fact]
    public void Ansible_spellings_are_mapped()
    {
        var (s, d, secrets) = ForLabHost("mx1");
        d.Items.ShouldBeEmpty();
        s.ShouldBe(new HostConnection("mx1", "192.0.2.10")
        {
            Port = 2222, IdentityFile = Path.Combine(Home, ".ssh/lab"), Become = true, BecomePassword = "s3cret-sudo",
            SshConfig = SshClientArgs.None, Set = InventorySet.Port | InventorySet.Identity | InventorySet.Become,
        });
        secrets.Mask("sudo password s3cret-sudo").ShouldBe("sudo password ********");
    }

    [Fact]
    public void Own_spellings_and_host_vars_files_are_used()
    {
        var (s, d, _) = ForLabHost("mx2");
        d.Items.ShouldBeEmpty();
        (s.Address, s.Port, s.User, s.Become).ShouldBe(("192.0.2.11", 22, "deploy", false));
    }

    [Fact]
    public void Defaults_are_the_host_name_port_22_and_root()
    {
        var (s, _, _) = ForLabHost("web1");
        s.ShouldBe(new HostConnection("web1", "web1") { SshConfig = SshClientArgs.None });
        (s.Port, s.User, s.IdentityFile, s.KnownHostsFile).ShouldBe((22, "root", null, Path.Combine(Home, ".ssh/known_hosts")));
    }

    [Fact]
    public void A_wrong_port_is_reported()
    {
        var (s, d, _) = ForLabHost("web2");
        s.Port.ShouldBe(22);
        d.Items.Single().ToString().ShouldBe("host 'web2': the SSH port of host 'web2' must be a whole number from 1 to 65535, not 'abc' — write port: 22");
    }

    private static Vars VarsOf(params (string Key, object? Value)[] values) =>
        Vars.Empty(new SecretSet()).Merge(values.Select(v => new KeyValuePair<string, object?>(v.Key, v.Value)));

    [Fact]
    public void An_unmarked_become_password_is_reported_and_masked_anyway()
    {
        var vars = VarsOf(("become_password", "plain-text-pw"));
        var d = new Diagnostics();
        ConnectionSettings.From(vars, "h", d, new SourceSpan("hosts.yml", 3, 5)).BecomePassword.ShouldBe("plain-text-pw");
        d.Items.Single().ToString().ShouldBe("hosts.yml:3:5: the become password of host 'h' is not marked secret — tag it '!secret', or move it to a file named *.secret.yml or one encrypted with ansible-vault");
        vars.Secrets.Mask("plain-text-pw").ShouldBe(SecretSet.Placeholder);
    }

    [Fact]
    public void Ssh_config_and_ansible_ssh_common_args_become_the_ssh_G_arguments_and_set_keys_are_recorded()
    {
        var vars = VarsOf(("ssh_config", "~/.ssh/work"), ("ansible_ssh_common_args", "-o ProxyJump=admin@bastion:2222"), ("ansible_user", "ops"), ("known_hosts", "/kh"));
        var d = new Diagnostics();
        var s = ConnectionSettings.From(vars, "h", d);
        d.Items.ShouldBeEmpty();
        s.SshConfig!.ConfigFile.ShouldBe("~/.ssh/work");
        s.SshConfig.Options.ShouldBe(["ProxyJump=admin@bastion:2222"]);
        s.Set.ShouldBe(InventorySet.User | InventorySet.KnownHosts);
    }

    [Fact]
    public void Unsupported_ssh_common_args_are_reported_with_an_example()
    {
        var d = new Diagnostics();
        ConnectionSettings.From(VarsOf(("ansible_ssh_common_args", "-C -o A=b")), "h", d, new SourceSpan("hosts.yml", 4, 7));
        d.Items.Single().ToString().ShouldBe("hosts.yml:4:7: ansible_ssh_common_args of host 'h': '-C' is not supported; provision reads -F FILE, -o OPTION=VALUE and -J JUMPS from it — " +
            "write e.g. ansible_ssh_common_args: '-F ~/.ssh/other_config -o ProxyJump=admin@bastion:22'");
    }

    [Fact]
    public void Templated_values_and_other_keys()
    {
        var vars = VarsOf(("lan", "10.1.1.1"), ("address", "{{ lan }}"), ("known_hosts", "~/kh"), ("identity_passphrase_env", "KEY_PASS"), ("port", 2200L), ("ansible_user", "ops"));
        var s = ConnectionSettings.From(vars, "h", new Diagnostics());
        (s.Address, s.KnownHostsFile, s.IdentityPassphraseEnv, s.Port, s.User).ShouldBe(("10.1.1.1", Path.Combine(Home, "kh"), "KEY_PASS", 2200, "ops"));
    }

    [Theory]
    [InlineData("address", "", "the address of host 'h' is empty — write address: 192.0.2.10 (or a DNS name), or leave it out to use the host's name")]
    [InlineData("ansible_host", "mail .example", "the address of host 'h' contains a space or control character: 'mail .example' — write address: 192.0.2.10 (or a DNS name), or leave it out to use the host's name")]
    [InlineData("user", " ", "the SSH user of host 'h' is empty — write user: root (or the login name), or leave it out for root")]
    public void An_empty_or_broken_address_or_user_is_reported_where_it_is_written(string key, string value, string message)
    {
        var d = new Diagnostics();
        ConnectionSettings.From(VarsOf((key, value)), "h", d, new SourceSpan("hosts.yml", 3, 5));
        d.Items.Select(i => i.ToString()).ShouldBe([$"hosts.yml:3:5: {message}"]);
    }
}
