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
}

public sealed record FileUpload(string Path, byte[] Content, string? Mode, string? Owner, string? Group, bool Secret = false)
{
    /// <summary>Write as root through sudo (login user uploads to its temp dir first).</summary>
    public bool Become { get; init; }
}
