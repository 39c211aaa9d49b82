using Provisioner.Tests.Playbooks;

namespace Provisioner.Tests.CliTests;

/// <summary>Issue 26, through the real program: what an Ansible user's files and flags do on the command line.</summary>
public sealed class AnsibleSecondPassTests : IDisposable
{
    private readonly TempDir _dir = new();
    public void Dispose() => _dir.Dispose();

    private const string Play = "- hosts: all\n  stages:\n    - name: one\n      tasks:\n        - command: 'true'\n";

    [Fact]
    public async Task Group_vars_for_a_group_the_inventory_lacks_are_read_past_and_named_at_v()
    {
        _dir.Write("play.yml", Play);
        _dir.Write("inv/hosts", "[web]\nweb1\n");
        _dir.Write("inv/group_vars/calico_rr.yml", "x: 1\n");

        var quiet = await ProvisionProcess.RunAsync(_dir.Path, "validate", "play.yml", "-i", "inv/hosts");
        var verbose = await ProvisionProcess.RunAsync(_dir.Path, "validate", "play.yml", "-i", "inv/hosts", "-v");

        quiet.ExitCode.ShouldBe(0, quiet.ToString());
        quiet.Stderr.ShouldNotContain("calico_rr");
        verbose.ExitCode.ShouldBe(0, verbose.ToString());
        verbose.Stderr.ShouldContain("note: ");
        verbose.Stderr.ShouldContain("group_vars/calico_rr.yml is for group 'calico_rr', which the inventory does not define: not read, as in Ansible");
    }

    [Fact]
    public async Task Limit_ungrouped_selects_the_hosts_in_no_group_as_in_ansible()
    {
        _dir.Write("play.yml", Play);
        _dir.Write("hosts.yml", "all:\n  hosts:\n    lonely:\n    web1:\n  children:\n    web:\n      hosts:\n        web1:\n");

        var run = await ProvisionProcess.RunAsync(_dir.Path, "validate", "play.yml", "-i", "hosts.yml", "-l", "ungrouped");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Stderr.ShouldContain("hosts: lonely)");
    }

    private static string Ansible(string relative) => Fixture.Path(Path.Combine("ansible", relative));

    [Theory]
    [InlineData("--list", "expected/precedence.json")]
    [InlineData("--host", "expected/precedence.host-h.json", "h")]
    [InlineData("--graph", "expected/precedence.graph")]
    public async Task Inventory_prints_what_ansible_inventory_prints(string action, string expected, string? host = null)
    {
        var run = await ProvisionProcess.RunAsync(_dir.Path, ["inventory", "-i", Ansible("precedence/hosts"), action, .. host is null ? Array.Empty<string>() : [host]]);

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Stdout.TrimEnd('\n').ShouldBe(File.ReadAllText(Ansible(expected)).TrimEnd('\n'));
    }

    [Fact]
    public async Task Inventory_graph_starts_at_a_group()
    {
        var run = await ProvisionProcess.RunAsync(_dir.Path, "inventory", "-i", Ansible("ungrouped-yaml/hosts.yml"), "--graph", "monitoring");
        run.ExitCode.ShouldBe(0, run.ToString());
        run.Stdout.ShouldBe("@monitoring:\n  |--@db:\n  |  |--@pg:\n  |  |  |--pg1\n");
    }

    [Theory]
    [InlineData("no action given — use one of --list, --host HOST or --graph [GROUP]")]
    [InlineData("--host: 'hh' is no host of the inventory — did you mean 'h'?", "--host", "hh")]
    [InlineData("--graph: 'zzzz' is no group of the inventory — did you mean 'zzz'?", "--graph", "zzzz")]
    [InlineData("give one action at a time", "--list", "--graph")]
    public async Task Inventory_without_one_valid_action_is_exit_4(string message, params string[] args)
    {
        var run = await ProvisionProcess.RunAsync(_dir.Path, ["inventory", "-i", Ansible("precedence/hosts"), .. args]);
        run.ExitCode.ShouldBe(4, run.ToString());
        run.Stderr.ShouldContain(message);
        run.Stdout.ShouldBeEmpty();
    }

    [Fact]
    public async Task Inventory_masks_secrets()
    {
        _dir.Write("hosts.yml", "all:\n  hosts:\n    h:\n      db_password: !secret hunter2-db\n");
        var run = await ProvisionProcess.RunAsync(_dir.Path, "inventory", "-i", "hosts.yml", "--host", "h");
        run.ExitCode.ShouldBe(0, run.ToString());
        run.Stdout.ShouldBe("{\n    \"db_password\": \"********\"\n}\n");
    }

    [Fact]
    public async Task Limit_at_a_retry_file_takes_its_hosts_and_an_unknown_name_beside_known_ones_warns()
    {
        _dir.Write("play.yml", Play);
        _dir.Write("hosts", "[webs]\nweb1\nweb2\nweb3\n");
        _dir.Write("play.retry", "web1\nweb3\n");

        var retry = await ProvisionProcess.RunAsync(_dir.Path, "validate", "play.yml", "-i", "hosts", "--limit", "@play.retry");
        var typo = await ProvisionProcess.RunAsync(_dir.Path, "validate", "play.yml", "-i", "hosts", "--limit", "web2,wbe3");

        retry.ExitCode.ShouldBe(0, retry.ToString());
        retry.Stderr.ShouldContain("hosts: web1, web3)");
        typo.ExitCode.ShouldBe(0, typo.ToString());
        typo.Stderr.ShouldContain("warning: --limit: 'wbe3' is neither a group nor a host of the inventory: ignored, as Ansible does — did you mean 'web3'?");
        typo.Stderr.ShouldContain("hosts: web2)");
    }
}
