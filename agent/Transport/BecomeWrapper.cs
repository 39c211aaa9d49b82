using System.Text;

namespace Provisioner.Transport;

public enum BecomeMode
{
    /// <summary>Run as the login user (or become was asked for but the login user is root).</summary>
    None,
    /// <summary>Passwordless sudo: <c>sudo -n</c> fails fast instead of hanging on a prompt.</summary>
    Sudo,
    /// <summary>sudo reading the password from the first stdin line.</summary>
    SudoWithPassword,
}

/// <summary>
/// Turns a rendered command into the exact text sent over the SSH exec channel. The server runs it
/// with the login user's shell, so the command always goes through <c>sh -c</c> to get POSIX sh
/// whatever that shell is. <c>exec</c> replaces the login shell so a signal that kills the command
/// reaches the SSH server as a signal (exit-signal), not as the shell's 128+N exit code.
/// </summary>
public static class BecomeWrapper
{
    public static BecomeMode ModeFor(bool become, bool loginIsRoot, string? password) =>
        !become || loginIsRoot ? BecomeMode.None
        : password is null ? BecomeMode.Sudo
        : BecomeMode.SudoWithPassword;

    /// <param name="hasInput">
    /// False when nothing will be sent on stdin: the command then reads /dev/null, because SSH.NET
    /// only sends EOF after at least one byte, and a command reading stdin would otherwise hang.
    /// </param>
    /// <param name="readsAllInput">
    /// The command itself reads its input until end of file (the lock holder, whose process id must be
    /// the shell's own); every other command with input is made to, see <see cref="ReadsInputToTheEnd"/>.
    /// </param>
    public static string Wrap(string rendered, BecomeMode mode, bool hasInput, bool readsAllInput = false)
    {
        var input = hasInput || mode == BecomeMode.SudoWithPassword;
        var body = input && !readsAllInput ? ReadsInputToTheEnd(rendered) : rendered;
        var wrapped = mode switch
        {
            BecomeMode.None => "exec sh -c " + ShellQuote.Quote(body),
            BecomeMode.Sudo => "exec sudo -n -- sh -c " + ShellQuote.Quote(body),
            // -k ignores a cached credential: if sudo did not prompt, the password line would be
            // handed to the command as its stdin instead of being consumed by sudo.
            BecomeMode.SudoWithPassword => "exec sudo -k -S -p '' -- sh -c " + ShellQuote.Quote(body),
            _ => throw new ArgumentOutOfRangeException(nameof(mode)),
        };
        return input ? wrapped : wrapped + " </dev/null";
    }

    /// <summary>
    /// The command in a subshell (its own exit ends only the subshell), then what is left of its input
    /// read to the end, then its exit status. A command that exited without reading its input let the SSH
    /// server close the channel before SSH.NET sent the input's end of file; sshd took that late EOF,
    /// for a channel it had freed, as a protocol error and dropped the connection, failing whatever
    /// command came next. Waiting for EOF keeps the channel open until it has arrived. The loop is the
    /// shell's own read, so no process is started when the command read everything.
    /// </summary>
    private static string ReadsInputToTheEnd(string rendered) =>
        "(" + rendered + "\n); rc=$?; while read -r _; do :; done; exit $rc";

    /// <summary>
    /// The bytes to send on stdin: the sudo password line first (sudo reads it byte by byte up to the
    /// newline and leaves the rest to the command), then the command's own input.
    /// </summary>
    public static byte[] Stdin(BecomeMode mode, string? password, byte[]? commandStdin)
    {
        var input = commandStdin ?? [];
        if (mode != BecomeMode.SudoWithPassword) return input;
        var line = Encoding.UTF8.GetBytes((password ?? "") + "\n");
        return [.. line, .. input];
    }
}
