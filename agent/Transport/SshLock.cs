using System.Globalization;
using System.Text;
using Renci.SshNet;

namespace Provisioner.Transport;

/// <summary>
/// The run lock on a host (lock.sh): held for a <see cref="LockClaim"/>'s token by a process reading an
/// exec channel's stdin. Releasing says so on that stdin; a connection that drops leaves the lease to
/// run out, so the run can take the lock again with its token after reconnecting (see
/// <see cref="SshRemoteHost"/>).
/// </summary>
internal sealed class SshLock : IAsyncDisposable
{
    public const string LockFile = "/var/lib/provision/lock";
    private const int Busy = 75;
    private static readonly HostScript LockScript = HostScript.Load("lock.sh");
    private readonly SshCommand _command;
    private readonly Stream _input;
    private readonly Task _execution;

    private SshLock(SshCommand command, Stream input, Task execution) => (_command, _input, _execution) = (command, input, execution);

    public static string Script(LockClaim claim, string? breakToken) => LockScript.Inline(LockFile, claim.Token, claim.Controller.ToString(),
        claim.GraceSeconds.ToString(CultureInfo.InvariantCulture), Busy.ToString(CultureInfo.InvariantCulture), claim.Owner, breakToken ?? "");

    /// <summary>The lock taken (<see cref="Held"/>), or who holds it, or why it could not be asked for.</summary>
    public sealed record Attempt(SshLock? Held, LockHolder? Holder, string? Error);

    public static async Task<Attempt> TakeAsync(SshClient client, string wrapped, byte[] prefix, CancellationToken ct)
    {
        var command = client.CreateCommand(wrapped, Encoding.UTF8);
        var execution = command.ExecuteAsync(CancellationToken.None);
        Stream? input = null;
        try
        {
            input = command.CreateInputStream();
            // At least one byte, so that closing the stream sends the end of file lock.sh waits for
            // before it exits (SSH.NET sends none for an empty stream); the holder ignores the line.
            await input.WriteAsync((byte[])[.. prefix, (byte)'\n'], ct).ConfigureAwait(false);
            await input.FlushAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (SshExec.ChannelGone(e))
        {
            // The command ended before lock.sh read anything (sudo refusing, say): its output says why.
        }
        using var reader = new StreamReader(command.OutputStream, Encoding.UTF8, leaveOpen: true);
        // The first line decides: "locked", or who holds it (the stream then ends).
        string? said;
        try { said = await reader.ReadLineAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(30), ct).ConfigureAwait(false); }
        catch (TimeoutException) { said = null; }
        if (said == "locked" && input is not null) return new Attempt(new SshLock(command, input, execution), null, null);
        try { if (input is not null) await input.DisposeAsync().ConfigureAwait(false); }
        catch (Exception e) when (SshExec.ChannelGone(e)) { }
        try { await execution.WaitAsync(TimeSpan.FromSeconds(5), ct).ConfigureAwait(false); } catch (Exception e) when (e is TimeoutException or Renci.SshNet.Common.SshException) { }
        var error = SshExec.SafeRead(() => command.Error);
        command.Dispose();
        return LockHolder.Parse(said) is { } holder
            ? new Attempt(null, holder, null)
            : new Attempt(null, null, $"could not take the run lock {LockFile}: {(string.IsNullOrWhiteSpace(error) ? said ?? "no answer" : error.Trim())}");
    }

    /// <summary>Lets go of the lock on purpose: the next run may take it at once.</summary>
    public async ValueTask ReleaseAsync()
    {
        try
        {
            await _input.WriteAsync("release\n"u8.ToArray()).ConfigureAwait(false);
            await _input.FlushAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (SshExec.ChannelGone(e))
        {
            // The channel is gone: the lease runs out by itself.
        }
        await DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Closes the channel without releasing: what a dropped connection does (the lease runs on).</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _input.DisposeAsync().ConfigureAwait(false);
            await _execution.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException || SshExec.ChannelGone(e))
        {
            // The channel is closed either way.
        }
        finally
        {
            _command.Dispose();
        }
    }
}
