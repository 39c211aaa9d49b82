using System.Text;
using Renci.SshNet;

namespace Provisioner.Transport;

/// <summary>
/// The run lock: <c>flock -n</c> on /var/lib/provision/lock, held by a `cat` that reads this
/// exec channel's stdin. Closing stdin (or losing the connection) ends `cat` and frees the lock,
/// so a killed controller never leaves a stale lock behind.
/// </summary>
internal sealed class SshLock : IAsyncDisposable
{
    public const string LockFile = "/var/lib/provision/lock";
    private const int Busy = 75;
    private readonly SshCommand _command;
    private readonly Stream _input;
    private readonly Task _execution;

    private SshLock(SshCommand command, Stream input, Task execution) => (_command, _input, _execution) = (command, input, execution);

    private static readonly HostScript LockScript = HostScript.Load("lock.sh");

    public static string Script(string owner) => LockScript.Inline(LockFile, owner, Busy.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static async Task<HostLock> AcquireAsync(SshClient client, string wrapped, byte[] prefix, CancellationToken ct)
    {
        var command = client.CreateCommand(wrapped, Encoding.UTF8);
        var execution = command.ExecuteAsync(CancellationToken.None);
        var input = command.CreateInputStream();
        if (prefix.Length > 0) { await input.WriteAsync(prefix, ct).ConfigureAwait(false); await input.FlushAsync(ct).ConfigureAwait(false); }
        using var reader = new StreamReader(command.OutputStream, Encoding.UTF8, leaveOpen: true);
        // The first line decides: "locked", or "busy: OWNER" when flock gives up (the stream then ends).
        string? said;
        try { said = await reader.ReadLineAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(30), ct).ConfigureAwait(false); }
        catch (TimeoutException) { said = null; }
        if (said == "locked")
            return new HostLock(true, "locked", new SshLock(command, input, execution));
        await input.DisposeAsync().ConfigureAwait(false);
        try { await execution.WaitAsync(TimeSpan.FromSeconds(5), ct).ConfigureAwait(false); } catch (Exception e) when (e is TimeoutException or Renci.SshNet.Common.SshException) { }
        var error = SshExec.SafeRead(() => command.Error);
        command.Dispose();
        var holder = said?.StartsWith("busy:", StringComparison.Ordinal) == true ? said[5..].Trim() : null;
        return new HostLock(false, holder is not null
            ? $"another provision run holds the lock on this host ({holder}); wait for it to finish — the lock is released when that run ends or its connection drops"
            : $"could not take the run lock {LockFile}: {(string.IsNullOrWhiteSpace(error) ? said : error.Trim())}", null);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // Closing the channel closes cat's stdin on the host: cat ends, flock lets go.
            await _input.DisposeAsync().ConfigureAwait(false);
            _command.Dispose();
            await _execution.WaitAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or Renci.SshNet.Common.SshException or ObjectDisposedException or InvalidOperationException)
        {
            // The channel is closed either way; the lock goes with it.
        }
    }
}
