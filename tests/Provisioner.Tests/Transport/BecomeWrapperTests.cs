using System.Text;
using Provisioner.Transport;

namespace Provisioner.Tests.Transport;

public class BecomeWrapperTests
{
    [Theory]
    [InlineData(false, false, null, BecomeMode.None)]
    [InlineData(true, true, null, BecomeMode.None)]
    [InlineData(true, true, "pw", BecomeMode.None)]
    [InlineData(true, false, null, BecomeMode.Sudo)]
    [InlineData(true, false, "pw", BecomeMode.SudoWithPassword)]
    [InlineData(false, false, "pw", BecomeMode.None)]
    public void Mode_depends_on_become_login_user_and_password(bool become, bool root, string? password, BecomeMode expected) =>
        BecomeWrapper.ModeFor(become, root, password).ShouldBe(expected);

    [Theory]
    [InlineData(BecomeMode.None, true, "exec sh -c '(id -u\n); rc=$?; while read -r _; do :; done; exit $rc'")]
    [InlineData(BecomeMode.None, false, "exec sh -c 'id -u' </dev/null")]
    [InlineData(BecomeMode.Sudo, true, "exec sudo -n -- sh -c '(id -u\n); rc=$?; while read -r _; do :; done; exit $rc'")]
    [InlineData(BecomeMode.Sudo, false, "exec sudo -n -- sh -c 'id -u' </dev/null")]
    // The password is always on stdin, so there is always input and never a /dev/null redirect.
    [InlineData(BecomeMode.SudoWithPassword, true, "exec sudo -k -S -p '' -- sh -c '(id -u\n); rc=$?; while read -r _; do :; done; exit $rc'")]
    [InlineData(BecomeMode.SudoWithPassword, false, "exec sudo -k -S -p '' -- sh -c '(id -u\n); rc=$?; while read -r _; do :; done; exit $rc'")]
    public void Wraps_exactly(BecomeMode mode, bool hasInput, string expected) =>
        BecomeWrapper.Wrap("id -u", mode, hasInput).ShouldBe(expected);

    [Fact]
    public void Quotes_inside_the_command_are_requoted() =>
        BecomeWrapper.Wrap("echo 'a b' | tr a-z A-Z", BecomeMode.Sudo, hasInput: true)
            .ShouldBe("exec sudo -n -- sh -c '(echo '\\''a b'\\'' | tr a-z A-Z\n); rc=$?; while read -r _; do :; done; exit $rc'");

    /// <summary>
    /// A command with input reads it to the end before it exits, whether or not it read it itself. When
    /// it exited first, the SSH server closed the channel while SSH.NET was still to send the input's end
    /// of file; that arrived for a channel the server had freed, and sshd dropped the whole connection
    /// (the kill-point sweep met it: the journal record after a user read failed with "connection lost").
    /// Here a command that ends without reading would close the pipe under a 1 MiB write.
    /// </summary>
    [Theory]
    [InlineData("exit 3", 3, "")]
    [InlineData("IFS= read -r first; printf '%s' \"$first\"; exit 4", 4, "line one")]
    [InlineData("exec cat >/dev/null", 0, "")]
    public void A_command_with_input_ends_after_all_of_it_was_read_and_keeps_its_exit_status(string command, int exit, string stdout)
    {
        var input = Encoding.UTF8.GetBytes("line one\n" + new string('x', 1 << 20));
        var result = LocalShell.Run(BecomeWrapper.Wrap(command, BecomeMode.None, hasInput: true), input);
        result.Exit.ShouldBe(exit, result.Stderr);
        result.Stdout.ShouldBe(stdout);
    }

    [Fact]
    public void Password_line_comes_before_the_command_input()
    {
        var stdin = BecomeWrapper.Stdin(BecomeMode.SudoWithPassword, "pw", "data\n"u8.ToArray());
        Encoding.UTF8.GetString(stdin).ShouldBe("pw\ndata\n");
    }

    [Fact]
    public void Password_alone_when_the_command_has_no_input() =>
        Encoding.UTF8.GetString(BecomeWrapper.Stdin(BecomeMode.SudoWithPassword, "pw", null)).ShouldBe("pw\n");

    [Theory]
    [InlineData(BecomeMode.None)]
    [InlineData(BecomeMode.Sudo)]
    public void No_password_is_sent_unless_sudo_asks_for_one(BecomeMode mode)
    {
        BecomeWrapper.Stdin(mode, "pw", "x"u8.ToArray()).ShouldBe("x"u8.ToArray());
        BecomeWrapper.Stdin(mode, "pw", null).ShouldBeEmpty();
    }
}
