using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Provisioner.Yaml;

/// <summary>
/// Reads a file the user named, within <see cref="InputLimits.MaxFileBytes"/>: only regular files
/// (a device or pipe could read forever), never more than the limit plus one byte, and text only as
/// strict UTF-8. Every problem is a diagnostic that names the file and, inside it, the line and column.
/// </summary>
public static class InputFile
{
    /// <summary>The file's text, or null with a diagnostic.</summary>
    /// <param name="at">Where the file is named (a vars_files entry, a src argument); whole-file problems are reported there.</param>
    public static string? ReadText(string path, Diagnostics d, SourceSpan? at = null)
    {
        if (ReadBytes(path, d, at) is not { } bytes) return null;
        var body = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? bytes.AsSpan(3) : bytes.AsSpan();
        var offset = bytes.Length - body.Length;
        if (body.IndexOf((byte)0) is var nul and >= 0)
        {
            d.Add(Position(path, bytes, offset + nul), $"binary data (a NUL byte at byte offset {offset + nul}), not YAML text", "name the YAML file you meant");
            return null;
        }
        var chars = new char[body.Length];
        if (Utf8.ToUtf16(body, chars, out var read, out var written, replaceInvalidSequences: false) == OperationStatus.Done)
            return new string(chars, 0, written);
        var bad = offset + read;
        d.Add(Position(path, bytes, bad), $"invalid UTF-8 (byte 0x{bytes[bad]:X2} at byte offset {bad})", "save the file as UTF-8");
        return null;
    }

    /// <summary>The file's bytes, or null with a diagnostic.</summary>
    public static byte[]? ReadBytes(string path, Diagnostics d, SourceSpan? at = null)
    {
        var span = at ?? SourceSpan.CommandLine(path.Length == 0 ? "''" : path);
        var named = at is null ? "" : $"'{path}': ";
        if (path.Length == 0)
        {
            d.Add(span, "the file name is empty", "name a file");
            return null;
        }
        if (Directory.Exists(path))
        {
            d.Add(span, $"{named}is a directory", "name a file");
            return null;
        }
        if (!File.Exists(path))
        {
            d.Add(span, $"{named}file not found", "check the path (it is relative to the current directory)");
            return null;
        }
        if (FileType.NotRegular(path) is { } kind)
        {
            d.Add(span, $"{named}not a regular file ({kind})", "name a file");
            return null;
        }
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
            var buffer = new byte[Math.Min(InputLimits.MaxFileBytes + 1L, Math.Max(stream.Length + 1, 4096))];
            var total = 0;
            // Read one byte past the limit: the file may be growing, or /proc-like with no size.
            while (total <= InputLimits.MaxFileBytes)
            {
                if (total == buffer.Length) Array.Resize(ref buffer, (int)Math.Min(InputLimits.MaxFileBytes + 1L, buffer.Length * 2L));
                var n = stream.Read(buffer, total, buffer.Length - total);
                if (n == 0) return buffer[..total];
                total += n;
            }
            d.Add(Position(path, buffer, InputLimits.MaxFileBytes), $"larger than {InputLimits.MaxFileBytes / 1024 / 1024} MiB (input size limit)", "check that it is the file you meant, or split it");
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            d.Add(span, $"{named}cannot be read: {ex.Message}", "check that it is readable by you");
            return null;
        }
    }

    /// <summary>
    /// Why a file that something reads later (a key, known_hosts, an ssh configuration) cannot be read
    /// safely — a directory, a device, a pipe, a loop of links, or more than <paramref name="maxBytes"/> —
    /// or null. Null too when it does not exist: what absence means is the caller's to say.
    /// </summary>
    public static string? NotReadable(string path, long maxBytes = InputLimits.MaxFileBytes)
    {
        if (path.Length == 0) return "is an empty path";
        if (Directory.Exists(path)) return "is a directory";
        if (FileType.NotRegular(path) is { } kind) return $"is not a regular file ({kind})";
        // The size of what a link points at, not of the link.
        var info = new FileInfo(path);
        if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is FileInfo target) info = target;
        var limit = maxBytes >= 1024 * 1024 ? $"{maxBytes / 1024 / 1024} MiB" : $"{maxBytes / 1024} KiB";
        return info.Exists && info.Length > maxBytes ? $"is larger than {limit} (input size limit)" : null;
    }

    /// <summary>Line and column (in characters) of a byte offset.</summary>
    private static SourceSpan Position(string path, byte[] bytes, int offset)
    {
        var before = bytes.AsSpan(0, offset);
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        var line = before.Count((byte)'\n') + 1;
        var column = Encoding.UTF8.GetCharCount(bytes.AsSpan(lineStart, offset - lineStart)) + 1;
        return new SourceSpan(path, line, column);
    }
}
