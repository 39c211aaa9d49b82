using Provisioner.Transport;
using Provisioner.Transport.SshConfig;

namespace Provisioner.Tests.Transport.SshConfig;

/// <summary>The ssh client configuration as the real ssh reads it (ssh -G connects nowhere).</summary>
public sealed class SshConfigResolverTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("provision-sshcfg-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Config(string text)
    {
        var path = Path.Combine(_dir, "config");
        File.WriteAllText(path, text);
        return path;
    }

    private string ConfigWithAlias() => Config($"""
        Host web
          HostName 192.0.2.7
          User admin
          Port 2200
          IdentityFile {_dir}/key_a
          IdentityFile {_dir}/key_b
          CertificateFile {_dir}/key_a-cert.pub
          ProxyJump jump@bastion:2022
        Host bastion
          HostName 198.51.100.9
          IdentityFile {_dir}/bastion_key
        Host *
          UserKnownHostsFile {_dir}/known {_dir}/known2
        """);

    private static HostConnection Host(SshClientArgs args) => new("web", "web") { SshConfig = args };

    [Fact]
    public void A_host_alias_takes_name_user_port_keys_certificate_known_hosts_and_jump_from_the_config()
    {
        var (c, problem) = SshConfigResolver.Resolve(Host(new SshClientArgs(ConfigWithAlias(), [])));

        problem.ShouldBeNull();
        (c!.Name, c.Address, c.User, c.Port, c.IdentityFile).ShouldBe(("web", "192.0.2.7", "admin", 2200, null));
        c.IdentityFiles.ShouldBe([$"{_dir}/key_a", $"{_dir}/key_b"]);
        c.CertificateFiles.ShouldBe([$"{_dir}/key_a-cert.pub"]);
        c.KnownHostsFile.ShouldBe($"{_dir}/known");
        var hop = c.Jumps.ShouldHaveSingleItem();
        (hop.Name, hop.Address, hop.User, hop.Port, hop.KnownHostsFile).ShouldBe(("jump@bastion:2022", "198.51.100.9", "jump", 2022, $"{_dir}/known"));
        hop.IdentityFiles.ShouldBe([$"{_dir}/bastion_key"]);
    }

    [Fact]
    public void Inventory_user_port_key_and_known_hosts_win_over_the_config()
    {
        var mine = Host(new SshClientArgs(ConfigWithAlias(), [])) with
        {
            User = "deploy", Port = 22, IdentityFile = "/k", KnownHostsFile = "/kh",
            Set = InventorySet.User | InventorySet.Port | InventorySet.Identity | InventorySet.KnownHosts,
        };
        var (c, _) = SshConfigResolver.Resolve(mine);

        (c!.Address, c.User, c.Port, c.IdentityFile, c.KnownHostsFile).ShouldBe(("192.0.2.7", "deploy", 22, "/k", "/kh"));
        c.IdentityFiles.ShouldBeEmpty();
        // The bastion is verified against the inventory's known_hosts too, and may use its key.
        c.Jumps.Single().KnownHostsFile.ShouldBe("/kh");
        c.Jumps.Single().IdentityFiles.ShouldBe([$"{_dir}/bastion_key", "/k"]);
    }

    [Fact]
    public void An_address_from_the_inventory_is_what_Host_patterns_match()
    {
        var (c, _) = SshConfigResolver.Resolve(new HostConnection("web", "203.0.113.5") { SshConfig = new SshClientArgs(ConfigWithAlias(), []) });
        (c!.Address, c.User, c.Port).ShouldBe(("203.0.113.5", "root", 22));
        c.Jumps.ShouldBeEmpty();
    }

    [Fact]
    public void Command_line_options_and_J_beat_the_config_file()
    {
        var args = SshClientArgs.Parse("-o User=ops -o Port=2 -J a@b:3,c", ConfigWithAlias()).Args!;
        var (c, _) = SshConfigResolver.Resolve(Host(args));
        (c!.User, c.Port).ShouldBe(("ops", 2));
        c.Jumps.Select(j => (j.Name, j.Address, j.User, j.Port)).ShouldBe([("a@b:3", "b", "a", 3), ("c", "c", "root", 22)]);
    }

    [Fact]
    public void ProxyJump_none_means_no_jump() =>
        SshConfigResolver.Resolve(Host(SshClientArgs.Parse("-o ProxyJump=none", ConfigWithAlias()).Args!)).Host!.Jumps.ShouldBeEmpty();

    [Fact]
    public void A_bad_option_is_ssh_own_complaint_naming_the_host_and_the_fix()
    {
        var (c, problem) = SshConfigResolver.Resolve(Host(new SshClientArgs(null, ["NoSuchOption=1"])));
        c.ShouldBeNull();
        problem.ShouldStartWith("web: ssh -G web (reading the ssh client configuration) failed: ");
        problem.ShouldContain("nosuchoption");
        problem.ShouldEndWith("fix ssh_config or ansible_ssh_common_args, or ~/.ssh/config");
    }

    [Fact]
    public void Without_ssh_a_requested_config_is_a_clear_message()
    {
        var (c, problem) = SshConfigResolver.Resolve(Host(new SshClientArgs(ConfigWithAlias(), [])), program: "no-such-ssh-client");
        c.ShouldBeNull();
        problem.ShouldBe("web: the OpenSSH client (ssh) is not installed, so ssh_config / ansible_ssh_common_args cannot be read; " +
                         "install it (apt install openssh-client, dnf install openssh-clients) or set address, user, port and identity_file in the inventory");
    }

    [Fact]
    public void Without_ssh_the_inventory_values_are_used_unless_a_user_config_exists()
    {
        var host = Host(SshClientArgs.None);
        SshConfigResolver.Resolve(host, "no-such-ssh-client", Path.Combine(_dir, "absent")).Host.ShouldBeSameAs(host);
        var (c, problem) = SshConfigResolver.Resolve(host, "no-such-ssh-client", ConfigWithAlias());
        c.ShouldBeNull();
        problem!.ShouldContain($"so {_dir}/config cannot be read");
    }

    [Fact]
    public void A_host_built_without_ssh_config_is_left_alone()
    {
        var host = new HostConnection("web", "web");
        SshConfigResolver.Resolve(host, program: "no-such-ssh-client").Host.ShouldBeSameAs(host);
    }

    [Fact]
    public void Parses_ssh_G_output()
    {
        var c = SshResolvedConfig.Parse("user admin\nhostname h\nport 2\nidentityfile ~/a\nidentityfile ~/b\nuserknownhostsfile /k1 /k2\nproxyjump none\nidentityagent none\nidentitiesonly yes\n");
        c.ShouldBe(c with { HostName = "h", User = "admin", Port = 2, ProxyJump = null, IdentityAgent = "none", IdentitiesOnly = true });
        c.IdentityFiles.ShouldBe(["~/a", "~/b"]);
        c.KnownHostsFiles.ShouldBe(["/k1", "/k2"]);
    }
}
