using Provisioner.Cli;
using Provisioner.Tests.Playbooks;
using Provisioner.Yaml;

namespace Provisioner.Tests.CliTests;

/// <summary>Issue 26, item 11: ansible.cfg read as Ansible reads it (ansible-core 2.14's ansible-config dump agrees on the parsing cases).</summary>
public sealed class AnsibleConfigTests : IDisposable
{
    private readonly TempDir _dir = new();
    public void Dispose() => _dir.Dispose();

    private AnsibleConfig Parse(string text, Diagnostics d, string? home = "/home/alice") =>
        AnsibleConfigParser.Parse(_dir.Write("sub/ansible.cfg", text), text, home, d);

    [Fact]
    public void The_eight_keys_are_read_with_paths_relative_to_the_file_and_tilde_expanded()
    {
        var d = new Diagnostics();
        var cfg = Parse("""
            # a comment
            [defaults]
            inventory = hosts, ~/inv/prod.yml ; a comment after a value
            REMOTE_USER = "deploy"
            private_key_file: keys/id_ed25519
            forks=12
            vault_password_file = ~/.vault_pass
            vault_identity_list = dev@dev.pw, prod@prompt
            host_key_checking = True

            [privilege_escalation]
            become = yes
            """, d);

        d.HasErrors.ShouldBeFalse(string.Join("\n", d));
        var sub = Path.Combine(_dir.Path, "sub");
        cfg.Inventory.ShouldBe([Path.Combine(sub, "hosts"), "/home/alice/inv/prod.yml"]);
        cfg.RemoteUser.ShouldBe("deploy");
        cfg.PrivateKeyFile.ShouldBe(Path.Combine(sub, "keys/id_ed25519"));
        cfg.Forks.ShouldBe(12);
        cfg.VaultPasswordFile.ShouldBe("/home/alice/.vault_pass");
        cfg.VaultIdentityList.ShouldBe(["dev@dev.pw", "prod@prompt"]);
        cfg.HostKeyChecking.ShouldBe(true);
        cfg.Become.ShouldBe(true);
        cfg.At("forks").ShouldBe(new SourceSpan(Path.Combine(sub, "ansible.cfg"), 6, 1));
        d.Notes.ShouldBeEmpty();
    }

    [Fact]
    public void Environment_variables_in_paths_are_expanded_and_unset_ones_stay_as_written()
    {
        var d = new Diagnostics();
        var cfg = Parse("[defaults]\nprivate_key_file = $HOME/k\nvault_password_file = ${PROVISION_TEST_UNSET_VAR}/pw\n", d);

        cfg.PrivateKeyFile.ShouldBe(Path.Combine(Environment.GetEnvironmentVariable("HOME")!, "k"));
        cfg.VaultPasswordFile.ShouldBe(Path.Combine(_dir.Path, "sub", "${PROVISION_TEST_UNSET_VAR}/pw"));
    }

    [Fact]
    public void An_indented_line_continues_the_value_above()
    {
        var d = new Diagnostics();
        var cfg = Parse("[defaults]\ninventory = a,\n    b\nforks = 3\n", d);

        d.HasErrors.ShouldBeFalse(string.Join("\n", d));
        cfg.Inventory.Select(Path.GetFileName).ShouldBe(["a", "b"]);
        cfg.Forks.ShouldBe(3);
    }

    [Fact]
    public void Keys_provision_does_not_read_are_notes_naming_key_and_line_never_errors()
    {
        var d = new Diagnostics();
        var cfg = Parse("[defaults]\ngathering = explicit\nremote_user = bob\n[ssh_connection]\npipelining = True\n[privilege_escalation]\nbecome_user = postgres\n", d);

        d.HasErrors.ShouldBeFalse();
        cfg.RemoteUser.ShouldBe("bob");
        var file = Path.Combine(_dir.Path, "sub", "ansible.cfg");
        d.Notes.Select(n => n.ToString()).ShouldBe([
            $"{file}:2:1: [defaults] gathering is not read by provision: it changes nothing here",
            $"{file}:5:1: [ssh_connection] pipelining is not read by provision: it changes nothing here",
            $"{file}:7:1: [privilege_escalation] become_user is not read by provision: it changes nothing here",
        ]);
    }

    [Fact]
    public void Host_key_checking_false_is_told_at_v_what_it_does_here()
    {
        var d = new Diagnostics();
        var cfg = Parse("[defaults]\nhost_key_checking = False\n", d);

        cfg.HostKeyChecking.ShouldBe(false);
        d.Notes.ShouldHaveSingleItem().Message.ShouldContain("as --accept-new-host-keys does; a changed key is still refused");
    }

    [Theory]
    [InlineData("[defaults]\nforks = abc\n", 2, "forks must be a whole number, not 'abc'")]
    [InlineData("[defaults]\nforks = 0\n", 2, "forks must be 1 or more")]
    [InlineData("[defaults]\nhost_key_checking = maybe\n", 2, "host_key_checking must be true or false, not 'maybe'")]
    [InlineData("[defaults]\n\n[privilege_escalation]\nbecome = ture\n", 4, "become must be true or false, not 'ture'")]
    [InlineData("remote_user = bob\n", 1, "a key before any [section]")]
    [InlineData("[defaults]\nremote_user bob\n", 2, "'remote_user bob' is neither a [section] nor a key = value line")]
    [InlineData("[defaults]\nforks = 2\nFORKS = 3\n", 3, "forks is set twice in [defaults]")]
    [InlineData("[defaults]\n[defaults]\n", 2, "section [defaults] appears twice")]
    public void A_bad_line_or_value_is_an_error_at_its_line(string text, int line, string message)
    {
        var d = new Diagnostics();
        Parse(text, d);

        var error = d.ShouldHaveSingleItem();
        error.Span.ShouldBe(new SourceSpan(Path.Combine(_dir.Path, "sub", "ansible.cfg"), line, 1));
        error.Message.ShouldContain(message);
        error.Fix.ShouldNotBeNullOrEmpty();
    }

    private (string Env, string Cwd, string Home, string System) Places()
    {
        var env = _dir.Write("env/custom.cfg", "[defaults]\n");
        _dir.Write("cwd/ansible.cfg", "[defaults]\n");
        _dir.Write("home/.ansible.cfg", "[defaults]\n");
        var system = _dir.Write("etc/ansible.cfg", "[defaults]\n");
        return (env, Path.Combine(_dir.Path, "cwd"), Path.Combine(_dir.Path, "home"), system);
    }

    [Fact]
    public void ANSIBLE_CONFIG_comes_first()
    {
        var (env, cwd, home, system) = Places();
        var found = AnsibleConfigFile.Find(env, cwd, home, new Diagnostics(), system);
        found.ShouldBe(new AnsibleConfigFile.Found(env, "ANSIBLE_CONFIG"));
    }

    [Fact]
    public void ANSIBLE_CONFIG_may_name_a_directory_holding_ansible_cfg()
    {
        var (_, cwd, home, system) = Places();
        var dir = Path.GetDirectoryName(_dir.Write("other/ansible.cfg", "[defaults]\n"))!;
        AnsibleConfigFile.Find(dir, cwd, home, new Diagnostics(), system)!.Path.ShouldBe(Path.Combine(dir, "ansible.cfg"));
    }

    [Fact]
    public void ANSIBLE_CONFIG_naming_no_file_is_passed_over_with_a_warning()
    {
        var (_, cwd, home, system) = Places();
        var d = new Diagnostics();
        AnsibleConfigFile.Find("/nonexistent/ansible.cfg", cwd, home, d, system)!.Path.ShouldBe(Path.Combine(cwd, "ansible.cfg"));
        d.Warnings.ShouldHaveSingleItem().Message.ShouldContain("'/nonexistent/ansible.cfg' is no readable file");
    }

    [Fact]
    public void The_working_directory_comes_before_the_home_directory_and_that_before_etc()
    {
        var (_, cwd, home, system) = Places();
        AnsibleConfigFile.Find(null, cwd, home, new Diagnostics(), system).ShouldBe(new AnsibleConfigFile.Found(Path.Combine(cwd, "ansible.cfg"), "./ansible.cfg"));
        File.Delete(Path.Combine(cwd, "ansible.cfg"));
        AnsibleConfigFile.Find(null, cwd, home, new Diagnostics(), system).ShouldBe(new AnsibleConfigFile.Found(Path.Combine(home, ".ansible.cfg"), "~/.ansible.cfg"));
        File.Delete(Path.Combine(home, ".ansible.cfg"));
        AnsibleConfigFile.Find(null, cwd, home, new Diagnostics(), system)!.Path.ShouldBe(system);
        File.Delete(system);
        AnsibleConfigFile.Find(null, cwd, home, new Diagnostics(), system).ShouldBeNull();
    }

    [Fact]
    public void A_world_writable_working_directory_is_passed_over_with_a_warning()
    {
        var (_, cwd, home, system) = Places();
        File.SetUnixFileMode(cwd, File.GetUnixFileMode(cwd) | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute);
        var d = new Diagnostics();

        AnsibleConfigFile.Find(null, cwd, home, d, system)!.Path.ShouldBe(Path.Combine(home, ".ansible.cfg"));
        d.Warnings.ShouldHaveSingleItem().Message.ShouldContain("world-writable");
    }

    [Fact]
    public void An_ansible_cfg_that_is_a_pipe_is_found_and_then_refused_not_waited_on()
    {
        var (_, cwd, home, system) = Places();
        File.Delete(Path.Combine(cwd, "ansible.cfg"));
        System.Diagnostics.Process.Start("mkfifo", Path.Combine(cwd, "ansible.cfg")).WaitForExit();
        var d = new Diagnostics();

        var found = AnsibleConfigFile.Find(null, cwd, home, d, system)!;
        AnsibleConfigFile.Read(found, home, d);
        d.ShouldHaveSingleItem().Message.ShouldContain("not a regular file");
    }

    private static (CliOptions O, System.CommandLine.ParseResult Pr) Parsed(params string[] args)
    {
        var o = new CliOptions();
        return (o, Program.BuildRoot(o, 0, null).Parse(["apply", "play.yml", .. args]));
    }

    private static readonly AnsibleConfig Config = new("/x/ansible.cfg")
    {
        Inventory = ["/x/hosts"], RemoteUser = "cfguser", PrivateKeyFile = "/x/cfg.key", Forks = 9, Become = true, HostKeyChecking = false,
    };

    [Fact]
    public void Its_values_stand_in_for_absent_flags()
    {
        var (o, pr) = Parsed();

        RunInputs.Connection(o.Ansible, pr, Config).ShouldBe(new Provisioner.Execution.ConnectionDefaults("cfguser", "/x/cfg.key", true, null));
        RunInputs.Forks(o, pr, Config).ShouldBe(9);
        RunInputs.Inventories(o, pr, Config).ShouldBe(["/x/hosts"]);
        RunInputs.AcceptNewHostKeys(o, pr, Config).ShouldBeTrue();
    }

    [Fact]
    public void Flags_win_over_it()
    {
        var (o, pr) = Parsed("-u", "flaguser", "--private-key", "/f.key", "-f", "2", "-i", "other");

        RunInputs.Connection(o.Ansible, pr, Config).ShouldBe(new Provisioner.Execution.ConnectionDefaults("flaguser", "/f.key", true, null));
        RunInputs.Forks(o, pr, Config).ShouldBe(2);
        RunInputs.Inventories(o, pr, Config).ShouldBe(["other"]);
    }

    [Fact]
    public void Without_it_the_defaults_are_unchanged()
    {
        var (o, pr) = Parsed();

        RunInputs.Connection(o.Ansible, pr, AnsibleConfig.None).ShouldBe(Provisioner.Execution.ConnectionDefaults.None);
        RunInputs.Forks(o, pr, AnsibleConfig.None).ShouldBe(5);
        RunInputs.Inventories(o, pr, AnsibleConfig.None).ShouldBeEmpty();
        RunInputs.AcceptNewHostKeys(o, pr, AnsibleConfig.None).ShouldBeFalse();
    }
}
