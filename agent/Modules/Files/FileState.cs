namespace Provisioner.Modules.Files;

public enum FileKind { Absent, File, Directory, Link, Other }

/// <summary>What a path is on the host. Content is read for regular files up to a size limit.</summary>
public sealed record FileState(FileKind Kind, string? Mode, string? Owner, string? Group, string? LinkTarget, byte[]? Content, long Size)
{
    public static readonly FileState Absent = new(FileKind.Absent, null, null, null, null, null, 0);
    public bool Exists => Kind != FileKind.Absent;
}
