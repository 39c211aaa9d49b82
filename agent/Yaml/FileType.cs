using System.Runtime.InteropServices;

namespace Provisioner.Yaml;

/// <summary>
/// What kind of file a path names, which .NET does not tell: a device or a pipe reads forever
/// (/dev/zero) or never, so input must be refused before it is opened. statx is used because its
/// buffer layout is the same on every Linux architecture; elsewhere the kind is unknown (null).
/// </summary>
internal static partial class FileType
{
    private const int AtFdCwd = -100;
    private const int Eloop = 40;
    private const uint StatxType = 0x1;
    private const int ModeOffset = 28; // struct statx: u32 mask, u32 blksize, u64 attributes, u32 nlink, u32 uid, u32 gid, u16 mode

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);

    /// <summary>Null for a regular file (or when the kind cannot be told); otherwise what it is, for a message.</summary>
    public static string? NotRegular(string path)
    {
        var buffer = new byte[256];
        try
        {
            // Opening it reports other reasons; a loop of links .NET reports as "exists" and then as a bare IOException.
            if (Statx(AtFdCwd, path, 0, StatxType, buffer) != 0) return Marshal.GetLastPInvokeError() == Eloop ? "a loop of symbolic links" : null;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
        return (BitConverter.ToUInt16(buffer, ModeOffset) & 0xF000) switch
        {
            0x8000 => null,
            0x4000 => "a directory",
            0x2000 => "a character device",
            0x6000 => "a block device",
            0x1000 => "a named pipe",
            0xC000 => "a socket",
            _ => "not a plain file",
        };
    }
}
