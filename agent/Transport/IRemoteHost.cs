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
    /// Takes the host's run lock so two controllers never interleave on one host. The lock belongs to
    /// the claim's token: after a dropped connection the transport takes it again before its next
    /// command, or refuses every command from then on (<see cref="LockLost"/>).
    /// </summary>
    Task<HostLock> LockAsync(LockClaim claim, CancellationToken ct) => Task.FromResult(HostLock.Unsupported);

    /// <summary>Why this run may no longer touch the host (its connection dropped and another run took the lock), or null.</summary>
    string? LockLost => null;
}

public sealed record FileUpload(string Path, byte[] Content, string? Mode, string? Owner, string? Group, bool Secret = false)
{
    /// <summary>Write as root through sudo (login user uploads to its temp dir first).</summary>
    public bool Become { get; init; }
}

/// <summary>An exclusive run lock on a host, held until the handle is disposed (which releases it).</summary>
public sealed record HostLock(bool Acquired, string Message, IAsyncDisposable? Handle)
{
    public static readonly HostLock Unsupported = new(true, "locking not supported by this transport", null);

    /// <summary>Who holds the lock when it was not acquired (null when it could not even be asked for).</summary>
    public LockHolder? Holder { get; init; }
}
