using Provisioner.Tests.Playbooks;

namespace Provisioner.Tests.CliTests;

/// <summary>
/// Issue 24, item 8, for the outputs added beside it (--list-tags, inventory --graph, the notes -v
/// prints): control characters from the playbook, the inventory or its file names are shown escaped.
/// </summary>
public sealed class ListingEscapeTests : IDisposable
{
    private readonly TempDir _dir = new();
    public void Dispose() => _dir.Dispose();

    private static void ShouldBeEscaped(ProcessOutcome run)
    {
        (run.Stdout + run.Stderr).ShouldContain("\\x1B[2J", Case.Sensitive, run.ToString());
        (run.Stdout + run.Stderr).ShouldNotContain("\u001b", Case.Sensitive, run.ToString());
    }

    [Fact]
    public async Task List_tags_escapes_a_tag()
    {
        _dir.Write("play.yml", "- hosts: all\n  stages:\n    - name: one\n      tasks:\n        - command: 'true'\n          tags: [\"t\\e[2J\"]\n");
        _dir.Write("hosts", "web1 address=127.0.0.1 port=1\n");
        var run = await ProvisionProcess.RunAsync(_dir.Path, "apply", "play.yml", "-i", "hosts", "--list-tags");
        run.ExitCode.ShouldBe(0, run.ToString());
        ShouldBeEscaped(run);
    }

    [Fact]
    public async Task Inventory_graph_escapes_a_host_name()
    {
        _dir.Write("hosts.yml", "all:\n  hosts:\n    \"web\\e[2J\": { address: 127.0.0.1 }\n");
        var run = await ProvisionProcess.RunAsync(_dir.Path, "inventory", "-i", "hosts.yml", "--graph");
        run.ExitCode.ShouldBe(0, run.ToString());
        ShouldBeEscaped(run);
    }

    [Fact]
    public async Task A_note_at_v_escapes_a_file_name()
    {
        _dir.Write("play.yml", "- hosts: all\n  stages:\n    - name: one\n      tasks:\n        - command: 'true'\n");
        _dir.Write("inv/hosts", "web1 address=127.0.0.1 port=1\n");
        _dir.Write("inv/group_vars/db\u001b[2J.yml", "x: 1\n");
        var run = await ProvisionProcess.RunAsync(_dir.Path, "validate", "play.yml", "-i", "inv/hosts", "-v");
        run.ExitCode.ShouldBe(0, run.ToString());
        ShouldBeEscaped(run);
    }
}
