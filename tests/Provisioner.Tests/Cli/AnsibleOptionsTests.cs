using Provisioner.Tests.Playbooks;

namespace Provisioner.Tests.CliTests;

/// <summary>
/// Issue 16: every command takes the inputs an Ansible user brings — several -i, vault passwords,
/// the prompts — so a command line can move from apply to validate, facts or rollback unchanged;
/// and -v/-vv are listed in --help (they are counted before parsing, so they were hidden).
/// </summary>
public sealed class AnsibleOptionsTests : IDisposable
{
    private readonly TempDir _dir = new();
    public void Dispose() => _dir.Dispose();

    public static TheoryData<string> Commands => new() { "apply", "check", "verify", "validate", "rollback", "facts" };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Help_lists_the_inventory_vault_prompt_and_verbosity_options(string command)
    {
        var run = await ProvisionProcess.RunAsync(_dir.Path, command, "--help");
        run.ExitCode.ShouldBe(0, run.ToString());
        run.Stdout.ShouldSatisfyAllConditions(
            () => run.Stdout.ShouldContain("-i, --inventory"),
            () => run.Stdout.ShouldContain("--vault-password-file"),
            () => run.Stdout.ShouldContain("--vault-id"),
            () => run.Stdout.ShouldContain("-J, --ask-vault-pass"),
            () => run.Stdout.ShouldContain("-K, --ask-become-pass"),
            () => run.Stdout.ShouldContain("-v, -vv"));
    }

    /// <summary>A vault-encrypted inventory: every command reads it, and a wrong password stops it before any connection.</summary>
    [Theory]
    [InlineData("facts", "web1")]
    [InlineData("rollback", "play.yml", "--stage", "1")]
    [InlineData("verify", "play.yml")]
    public async Task A_wrong_vault_password_for_the_inventory_is_exit_4_in_every_command(params string[] args)
    {
        _dir.Write("play.yml", "- hosts: all\n  stages:\n    - name: one\n      tasks:\n        - command: 'true'\n");
        var inventory = _dir.Write("hosts.yml", File.ReadAllText(Fixture.Path("vault/vars-1.1.yml")));
        _dir.Write("wrong", "not it\n");

        var run = await ProvisionProcess.RunAsync(_dir.Path, [.. args, "-i", inventory, "--vault-password-file", "wrong"]);

        run.ExitCode.ShouldBe(4, run.ToString());
        run.Stderr.ShouldContain($"{inventory}:1:1: the file cannot be decrypted: wrong vault password");
    }

    [Fact]
    public async Task Several_inventories_of_both_dialects_make_one()
    {
        _dir.Write("play.yml", "- hosts: web:db\n  stages:\n    - name: one\n      tasks:\n        - command: 'true'\n");
        _dir.Write("hosts", "[web]\nweb[1:2]\n");
        _dir.Write("more/db.yml", "db:\n  hosts:\n    db1:\n");

        var run = await ProvisionProcess.RunAsync(_dir.Path, "validate", "play.yml", "-i", "hosts", "-i", "more");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Stderr.ShouldContain("hosts: web1, web2, db1");
    }

    [Fact]
    public async Task Facts_refuses_to_ask_without_a_terminal()
    {
        var run = await ProvisionProcess.RunAsync(_dir.Path, "facts", "web1", "-i", "web1,", "-K");
        run.Killed.ShouldBeFalse();
        run.ExitCode.ShouldBe(4, run.ToString());
        run.Stderr.ShouldContain("--ask-become-pass: needs a terminal");
    }
}
