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
    public static string Wrap(string rendered, BecomeMode mode, bool hasInput)
    {
        var wrapped = mode switch
        {
            BecomeMode.None => "exec sh -c " + ShellQuote.Quote(rendered),
            BecomeMode.Sudo => "exec sudo -n -- sh -c " + ShellQuote.Quote(rendered),
            // -k ignores a cached credential: if sudo did not prompt, the password line would be
            // handed to the command as its stdin instead of being consumed by sudo.
            BecomeMode.SudoWithPassword => "exec sudo -k -S -p '' -- sh -c " + ShellQuote.Quote(rendered),
            _ => throw new ArgumentOutOfRangeException(nameof(mode)),
        };
        return hasInput || mode == BecomeMode.SudoWithPassword ? wrapped : wrapped + " </dev/null";
    }

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
