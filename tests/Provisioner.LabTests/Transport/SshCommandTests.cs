using System.Security.Cryptography;
using System.Text;
using Provisioner.Transport;

namespace Provisioner.LabTests.Transport;

[Collection(TransportLabCollection.Name)]
public sealed class SshCommandTests(TransportLab lab)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Runs_in_posix_sh_with_exit_status_and_both_streams()
    {
        await using var host = await TransportLab.ConnectAsync(lab.Root());
        var result = await host.RunAsync(Command.Script("echo out; echo err >&2; exit 3"), None);
        result.ExitStatus.ShouldBe(3);
        result.Stdout.ShouldBe("out\n");
        result.Stderr.ShouldBe("err\n");
        result.Ok.ShouldBeFalse();
    }

    [Fact]
    public async Task Arguments_reach_the_remote_command_unchanged()
    {
        await using var host = await TransportLab.ConnectAsync(lab.Root());
        string[] args = ["it's", "$HOME", "a b", "`id`", "line\nbreak", "", "日本"];
        var result = await host.RunAsync(Command.Of(["printf", "%s\\0", .. args.Select(a => new Arg(a))]), None);
        result.Stdout.ShouldBe(string.Concat(args.Select(a => a + "\0")));
    }

    [Fact]
    public async Task Stdin_is_delivered_byte_for_byte()
    {
        await using var host = await TransportLab.ConnectAsync(lab.Root());
        var bytes = Enumerable.Range(0, 256).Select(i => (byte)i).Concat(RandomNumberGenerator.GetBytes(200_000)).ToArray();
        var result = await host.RunAsync(new Command { Argv = ["sha256sum"], Stdin = bytes }, None);
        result.Stdout.Split(' ')[0].ShouldBe(Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    [Fact]
    public async Task A_command_reading_stdin_gets_end_of_file_when_there_is_none()
    {
        await using var host = await TransportLab.ConnectAsync(lab.Root());
        var result = await host.RunAsync(Command.Of("cat") with { Timeout = TimeSpan.FromSeconds(20) }, None);
        result.ExitStatus.ShouldBe(0);
        result.Stdout.ShouldBeEmpty();
    }

    [Fact]
    public async Task Become_through_passwordless_sudo()
    {
        await using var host = await TransportLab.ConnectAsync(lab.Deploy());
        (await host.RunAsync(Command.Read("id", "-u"), None)).Stdout.ShouldBe("0\n");
        (await host.RunAsync(new Command { Argv = ["cat"], Stdin = "via sudo\n"u8.ToArray() }, None)).Stdout.ShouldBe("via sudo\n");
    }

    [Fact]
    public async Task Become_through_sudo_with_a_password_keeps_it_out_of_the_command_input()
    {
        await using var host = await TransportLab.ConnectAsync(lab.SudoPw());
        var id = await host.RunAsync(Command.Read("id", "-u"), None);
        id.Stdout.ShouldBe("0\n", id.Describe());
        // Twice in a row: a cached sudo credential must not make the password leak into stdin.
        for (var i = 0; i < 2; i++)
            (await host.RunAsync(new Command { Argv = ["cat"], Stdin = "payload\n"u8.ToArray() }, None)).Stdout.ShouldBe("payload\n");
    }

    [Fact]
    public async Task Without_become_the_login_user_runs_the_command()
    {
        await using var host = await TransportLab.ConnectAsync(lab.Deploy() with { Become = false });
        (await host.RunAsync(Command.Read("id", "-un"), None)).Stdout.ShouldBe("deploy\n");
        (await host.RunAsync(Command.Read("id", "-u") with { Become = true }, None)).Stdout.ShouldBe("0\n");
    }

    [Fact]
    public async Task A_command_past_its_timeout_has_no_exit_status_and_the_connection_stays_usable()
    {
        await using var host = await TransportLab.ConnectAsync(lab.Root());
        var result = await host.RunAsync(Command.Of("sleep", "61") with { Timeout = TimeSpan.FromSeconds(2) }, None);
        result.ExitStatus.ShouldBeNull();
        result.Signal.ShouldBe("timeout");
        result.Ok.ShouldBeFalse();
        result.Duration.ShouldBeLessThan(TimeSpan.FromSeconds(15));

        // The remote process was stopped, not left running behind our back.
        var left = await host.RunAsync(Command.Script("sleep 1; pgrep -x sleep -a | grep -c 'sleep 61' || true"), None);
        left.Stdout.Trim().ShouldBe("0");

        (await host.RunAsync(Command.Read("echo", "still here"), None)).Stdout.ShouldBe("still here\n");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_command_killed_by_a_signal_has_no_exit_status(bool become)
    {
        await using var host = await TransportLab.ConnectAsync(become ? lab.Deploy() : lab.Root());
        var result = await host.RunAsync(Command.Script("kill -9 $$"), None);
        result.ExitStatus.ShouldBeNull(result.Describe());
        result.Signal.ShouldBe("KILL");
        result.Ok.ShouldBeFalse();
    }

    [Fact]
    public async Task A_read_only_command_reconnects_after_the_connection_dropped()
    {
        await using var host = await TransportLab.ConnectAsync(lab.Root());
        // Kill our own session's sshd process: the connection drops under us.
        var drop = await host.RunAsync(Command.Script("kill -9 $PPID; sleep 5") with { Timeout = TimeSpan.FromSeconds(20) }, None);
        drop.Ok.ShouldBeFalse();

        var result = await host.RunAsync(Command.Read("echo", "reconnected"), None);
        result.Stdout.ShouldBe("reconnected\n", result.Describe());
    }
}
