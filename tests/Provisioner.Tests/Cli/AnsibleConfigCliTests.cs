using Provisioner.Tests.Playbooks;

namespace Provisioner.Tests.CliTests;

/// <summary>
/// Issue 26, item 11, through the real program: an ansible.cfg acts as the flags it stands for. Hosts
/// are on a closed local port, so a run that connects ends unreachable (exit 3) and -vv shows whom it
/// tried to log in as. Each child gets an empty HOME of its own (ProvisionProcess).
/// </summary>
public sealed class AnsibleConfigCliTests : IDisposable
{
    private readonly TempDir _dir = new();
    public void Dispose() => _dir.Dispose();

    public AnsibleConfigCliTests()
    {
        _dir.Write("play.yml", "- hosts: all\n  stages:\n    - name: one\n      tasks:\n        - name: t\n          command: 'true'\n");
        _dir.Write("inv/hosts", "web1 address=127.0.0.1 port=1\n");
        _dir.Write("other", "db1 address=127.0.0.1 port=1\n");
    }

    private Task<ProcessOutcome> Run(params string[] args) => ProvisionProcess.RunAsync(_dir.Path, args);

    [Fact]
    public async Task Its_inventory_is_used_when_no_i_is_given_relative_to_the_file()
    {
        _dir.Write("ansible.cfg", "[defaults]\ninventory = inv/hosts\n");

        var run = await Run("apply", "play.yml", "--list-hosts");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Stdout.ShouldContain("web1");
    }

    [Fact]
    public async Task An_i_flag_replaces_its_inventory()
    {
        _dir.Write("ansible.cfg", "[defaults]\ninventory = inv/hosts\n");

        var run = await Run("apply", "play.yml", "-i", "other", "--list-hosts");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Stdout.ShouldContain("db1");
        run.Stdout.ShouldNotContain("web1");
    }

    [Fact]
    public async Task The_inventory_command_reads_it_too()
    {
        _dir.Write("ansible.cfg", "[defaults]\ninventory = inv/hosts\n");

        var run = await Run("inventory", "--graph");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Stdout.ShouldContain("web1");
    }

    [Fact]
    public async Task Remote_user_and_private_key_file_reach_the_connection()
    {
        _dir.Write("ansible.cfg", "[defaults]\ninventory = inv/hosts\nremote_user = bob\nprivate_key_file = keys/missing\n");

        var run = await Run("apply", "play.yml", "-T", "5", "-vv");

        run.ExitCode.ShouldBe(3, run.ToString());
        run.Stderr.ShouldContain("bob@127.0.0.1:1");
        run.Stderr.ShouldContain($"identity file {Path.Combine(_dir.Path, "keys/missing")} does not exist");
    }

    [Fact]
    public async Task The_u_flag_wins_over_remote_user()
    {
        _dir.Write("ansible.cfg", "[defaults]\ninventory = inv/hosts\nremote_user = bob\n");

        var run = await Run("apply", "play.yml", "-u", "alice", "-T", "5", "-vv");

        run.ExitCode.ShouldBe(3, run.ToString());
        run.Stderr.ShouldContain("alice@127.0.0.1:1");
        run.Stderr.ShouldNotContain("bob@");
    }

    [Fact]
    public async Task An_inventory_ansible_user_wins_over_remote_user()
    {
        _dir.Write("inv/hosts", "web1 address=127.0.0.1 port=1 ansible_user=carol\n");
        _dir.Write("ansible.cfg", "[defaults]\ninventory = inv/hosts\nremote_user = bob\n");

        var run = await Run("apply", "play.yml", "-T", "5", "-vv");

        run.ExitCode.ShouldBe(3, run.ToString());
        run.Stderr.ShouldContain("carol@127.0.0.1:1");
        run.Stderr.ShouldNotContain("bob@");
    }

    [Fact]
    public async Task A_bad_forks_is_exit_4_at_its_line_before_anything_connects()
    {
        _dir.Write("ansible.cfg", "[defaults]\ninventory = inv/hosts\nforks = abc\n");

        var run = await Run("apply", "play.yml");

        run.ExitCode.ShouldBe(4, run.ToString());
        run.Stderr.ShouldContain($"{Path.Combine(_dir.Path, "ansible.cfg")}:3:1: forks must be a whole number, not 'abc'");
        run.Stderr.ShouldNotContain("unreachable");
        run.HasStackTrace.ShouldBeFalse();
    }

    [Fact]
    public async Task A_bad_ansible_cfg_stops_validate_too()
    {
        _dir.Write("ansible.cfg", "[privilege_escalation]\nbecome = sometimes\n");

        var run = await Run("validate", "play.yml");

        run.ExitCode.ShouldBe(4, run.ToString());
        run.Stderr.ShouldContain("ansible.cfg:2:1: become must be true or false, not 'sometimes'");
    }

    [Fact]
    public async Task At_v_the_file_used_and_each_key_not_read_are_named()
    {
        _dir.Write("ansible.cfg", "[defaults]\ninventory = inv/hosts\ngathering = smart\n[ssh_connection]\npipelining = True\n");
        var cfg = Path.Combine(_dir.Path, "ansible.cfg");

        var quiet = await Run("validate", "play.yml");
        var verbose = await Run("validate", "play.yml", "-v");

        quiet.ExitCode.ShouldBe(0, quiet.ToString());
        quiet.Stderr.ShouldNotContain("gathering");
        verbose.ExitCode.ShouldBe(0, verbose.ToString());
        verbose.Stderr.ShouldContain($"note: using ansible.cfg at {cfg} (found as ./ansible.cfg)");
        verbose.Stderr.ShouldContain($"note: {cfg}:3:1: [defaults] gathering is not read by provision");
        verbose.Stderr.ShouldContain($"note: {cfg}:5:1: [ssh_connection] pipelining is not read by provision");
        verbose.Stderr.ShouldContain("hosts: web1");
    }

    [Fact]
    public async Task ANSIBLE_CONFIG_and_the_home_directory_are_searched()
    {
        var home = Path.GetDirectoryName(_dir.Write("home/.ansible.cfg", "[defaults]\ninventory = ../other\n"))!;
        var named = _dir.Write("elsewhere/my.cfg", "[defaults]\ninventory = ../inv/hosts\n");

        var fromHome = await ProvisionProcess.RunAsync(_dir.Path, new Dictionary<string, string> { ["HOME"] = home }, "apply", "play.yml", "--list-hosts");
        var fromEnv = await ProvisionProcess.RunAsync(_dir.Path, new Dictionary<string, string> { ["HOME"] = home, ["ANSIBLE_CONFIG"] = named }, "apply", "play.yml", "--list-hosts");

        fromHome.ExitCode.ShouldBe(0, fromHome.ToString());
        fromHome.Stdout.ShouldContain("db1");
        fromEnv.ExitCode.ShouldBe(0, fromEnv.ToString());
        fromEnv.Stdout.ShouldContain("web1");
    }

    [Fact]
    public async Task Vault_password_file_and_vault_identity_list_decrypt()
    {
        _dir.Write("vault-play.yml", PasswordPlaybook.Text);
        File.Copy(Fixture.Path("vault/vars-1.1.yml"), Path.Combine(_dir.Path, "vault.yml"));
        _dir.Write("secrets/pw", "correct horse battery\n");

        _dir.Write("ansible.cfg", "[defaults]\nvault_password_file = secrets/pw\n");
        var byFile = await Run("validate", "vault-play.yml", "-e", "@vault.yml");
        _dir.Write("ansible.cfg", "[defaults]\nvault_identity_list = dev@secrets/pw\n");
        var byId = await Run("validate", "vault-play.yml", "-e", "@vault.yml");

        byFile.ExitCode.ShouldBe(0, byFile.ToString());
        byId.ExitCode.ShouldBe(0, byId.ToString());
        byFile.Stderr.ShouldNotContain("correct horse");
    }

    [Fact]
    public async Task A_vault_password_file_not_found_is_exit_4_at_its_line()
    {
        _dir.Write("ansible.cfg", "[defaults]\n\nvault_password_file = nope\n");

        var run = await Run("validate", "play.yml");

        run.ExitCode.ShouldBe(4, run.ToString());
        run.Stderr.ShouldContain($"ansible.cfg:3:1: '{Path.Combine(_dir.Path, "nope")}': file not found");
    }

    [Fact]
    public async Task A_bad_value_is_exit_4_even_where_a_flag_would_win_over_it()
    {
        // As in Ansible, which reads the whole file before it looks at the command line.
        _dir.Write("ansible.cfg", "[defaults]\ninventory = inv/hosts\nforks = 0\n");

        var run = await Run("apply", "play.yml", "-f", "3");

        run.ExitCode.ShouldBe(4, run.ToString());
        run.Stderr.ShouldContain("ansible.cfg:3:1: forks must be 1 or more");
    }

    [Fact]
    public async Task A_report_is_never_written_over_the_ansible_cfg()
    {
        _dir.Write("ansible.cfg", "[defaults]\ninventory = inv/hosts\n");

        var run = await Run("apply", "play.yml", "--report", "ansible.cfg");

        run.ExitCode.ShouldBe(4, run.ToString());
        run.Stderr.ShouldContain("'ansible.cfg' is the ansible.cfg of this run");
        File.ReadAllText(Path.Combine(_dir.Path, "ansible.cfg")).ShouldContain("inventory = inv/hosts");
    }
}
