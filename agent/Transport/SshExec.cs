using System.Diagnostics;
using System.Text;
using Renci.SshNet;

namespace Provisioner.Transport;

/// <summary>
/// One exec channel on an open session: send the wrapped text, feed stdin, wait with a deadline.
/// Transport errors are thrown (the caller decides whether a retry is safe); everything the remote
/// side did, including being killed or timing out, comes back as a <see cref="CommandResult"/>.
/// </summary>
internal static class SshExec
{
    public const string TimeoutSignal = "timeout";

    public static async Task<CommandResult> RunAsync(SshClient client, string text, byte[] stdin, TimeSpan timeout, CancellationToken ct)
    {
        using var command = client.CreateCommand(text, Encoding.UTF8);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        var clock = Stopwatch.StartNew();

        // On cancellation SSH.NET sends a signal to the remote process, so a timed-out command
        // is stopped rather than left running behind our back.
        var execution = command.ExecuteAsync(deadline.Token);
        await FeedAsync(command, stdin, execution, deadline.Token).ConfigureAwait(false);

        try
        {
            await execution.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new CommandResult(null, SafeRead(() => command.Result), SafeRead(() => command.Error), clock.Elapsed, TimeoutSignal);
        }

        // A command killed by a signal has no exit status; keep it null so it can never read as success.
        return new CommandResult(command.ExitStatus, command.Result, command.Error, clock.Elapsed,
            command.ExitStatus is null ? command.ExitSignal ?? "unknown" : null);
    }

    /// <summary>
    /// Sends stdin and closes it. With nothing to send, SSH.NET sends no EOF at all, which is why
    /// <see cref="BecomeWrapper.Wrap"/> redirects such commands from /dev/null.
    /// </summary>
    private static async Task FeedAsync(SshCommand command, byte[] stdin, Task execution, CancellationToken ct)
    {
        if (stdin.Length == 0) return;
        try
        {
            await using var input = command.CreateInputStream();
            if (stdin.Length > 0) await input.WriteAsync(stdin, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (execution.IsCompleted || ct.IsCancellationRequested || ChannelGone(e))
        {
            // The command ended (or timed out) without reading all its input — sudo refusing ends before
            // the wrapper's own reading starts, and SSH.NET may say so before the execution task has
            // completed; its result says why.
        }
    }

    /// <summary>
    /// What SSH.NET throws at a command's input or output once the command has ended or its channel or
    /// connection is gone: the command's result (or the lost connection) says what happened.
    /// </summary>
    internal static bool ChannelGone(Exception e) =>
        e is InvalidOperationException or IOException or Renci.SshNet.Common.SshException or ObjectDisposedException;

    /// <summary>A command's output, or empty when the channel is already gone.</summary>
    internal static string SafeRead(Func<string> read)
    {
        try { return read(); }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException) { return ""; }
    }
}
