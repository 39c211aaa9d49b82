namespace Provisioner.Transport;

/// <summary>
/// The one connection to a host for the whole run. Commands run serially; uploads are atomic
/// (temp file in the destination directory, owner and mode set, then rename).
/// </summary>
public interface IRemoteHost : IAsyncDisposable
{
    string Name { get; }
    Task<CommandResult> RunAsync(Command command, CancellationToken ct);
    Task<CommandResult> UploadAsync(FileUpload upload, CancellationToken ct);

    /// <summary>
    /// Takes the host's run lock so two controllers never interleave on one host. The lock lives in a
    /// process on the host tied to this connection: if the controller dies, the lock goes with it.
    /// </summary>
    Task<HostLock> LockAsync(string owner, CancellationToken ct) => Task.FromResult(HostLock.Unsupported);

    /// <summary>
    /// The host may have changed by a way other than this connection (a probe delivered mail over
    /// SMTP): any read kept for reuse must be read again (see <see cref="CachingRemoteHost"/>).
    /// </summary>
    void ForgetReads()
    {
    }

    /// <summary>
    /// Reads that are about to be run, sent ahead in one round trip where the transport can keep the
    /// answers (see <see cref="CachingRemoteHost.PrefetchAsync"/>); elsewhere nothing happens and each
    /// read runs when asked. Returns how many reads were sent.
    /// </summary>
    Task<int> PrefetchAsync(IReadOnlyList<Command> reads, CancellationToken ct) => Task.FromResult(0);
}

public sealed record FileUpload(string Path, byte[] Content, string? Mode, string? Owner, string? Group, bool Secret = false)
{
    /// <summary>Write as root through sudo (login user uploads to its temp dir first).</summary>
    public bool Become { get; init; }
}

/// <summary>An exclusive run lock on a host, held while the handle (and the connection) lives.</summary>
public sealed record HostLock(bool Acquired, string Message, IAsyncDisposable? Handle)
{
    public static readonly HostLock Unsupported = new(true, "locking not supported by this transport", null);
}
