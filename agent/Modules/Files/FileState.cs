namespace Provisioner.Modules.Files;

public enum FileKind { Absent, File, Directory, Link, Other }

/// <summary>What a path is on the host. Content is read for regular files up to a size limit.</summary>
public sealed record FileState(FileKind Kind, string? Mode, string? Owner, string? Group, string? LinkTarget, byte[]? Content, long Size)
{
    public static readonly FileState Absent = new(FileKind.Absent, null, null, null, null, null, 0);
    public bool Exists => Kind != FileKind.Absent;

    /// <summary>The numeric owner and group, for an owner given as an id.</summary>
    public string? Uid { get; init; }
    public string? Gid { get; init; }

    /// <summary>The content's SHA-256 (hex) when the file is too large for its content to be read.</summary>
    public string? Sha256 { get; init; }

    /// <summary>True when the file's content is exactly <paramref name="want"/>, by bytes or, for a large file, by checksum.</summary>
    public bool HasContent(byte[] want) =>
        Kind == FileKind.File && (Content is not null
            ? Content.AsSpan().SequenceEqual(want)
            : Sha256 is not null && Sha256 == Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(want)));

    /// <summary>True when <paramref name="owner"/>, a name or a numeric id, is the file's owner.</summary>
    public bool OwnedBy(string owner) => owner == Owner || owner == Uid;

    /// <summary>True when <paramref name="group"/>, a name or a numeric id, is the file's group.</summary>
    public bool InGroup(string group) => group == Group || group == Gid;
}
