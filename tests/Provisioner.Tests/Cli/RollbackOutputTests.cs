using Provisioner.Tests.Playbooks;

namespace Provisioner.Tests.CliTests;

/// <summary>Issue 24, item 8, for rollback's own lines: control characters from a playbook reach the terminal escaped.</summary>
public sealed class RollbackOutputTests : IDisposable
{
    private readonly TempDir _dir = new();
    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_play_name_with_control_characters_is_shown_escaped_when_rollback_lists_the_plays()
    {
        _dir.Write("play.yml", "- name: \"mail\\e]0;owned\\a\\e[2J\"\n  hosts: all\n  stages:\n    - name: one\n      tasks:\n        - command: 'true'\n");
        _dir.Write("hosts", "web1 address=127.0.0.1 port=1\n");

        var run = await ProvisionProcess.RunAsync(_dir.Path, "rollback", "play.yml", "-i", "hosts", "--stage", "1", "--play", "nope");

        run.ExitCode.ShouldBe(4, run.ToString());
        run.Stderr.ShouldContain("no such play");
        run.Stderr.ShouldContain("mail\\x1B]0;owned\\x07\\x1B[2J");
        run.Stderr.ShouldNotContain("\u001b");
        run.Stderr.ShouldNotContain("\u0007");
    }
}
