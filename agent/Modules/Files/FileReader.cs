using Provisioner.HostFacts;
using Provisioner.Reads;
using Provisioner.Transport;

namespace Provisioner.Modules.Files;

/// <summary>
/// Reads a path's kind, mode, owner, group, link target and (for regular files up to 4 MiB) its
/// content — or, for larger ones, its checksum — in one round trip (file-read.sh).
/// </summary>
public static class FileReader
{
    public const long MaxContent = 4 * 1024 * 1024;

    internal const string DigestPrefix = "sha256:";

    private static readonly HostScript Script = HostScript.Load("file-read.sh");

    /// <summary>file-read.sh's text: other reads run it for each file they look at.</summary>
    public static string Body => Script.Body;

    /// <summary>
    /// Cacheable: a path's state depends on the host alone, so tasks that read the same path (the items
    /// of a looped lineinfile) share one read until the run changes something (<see cref="CachingRemoteHost"/>).
    /// </summary>
    public static Command Command(string path, bool withContent) =>
        Transport.Command.Script(Script.Inline(path, withContent ? "1" : "0", MaxContent.ToString(System.Globalization.CultureInfo.InvariantCulture)), readOnly: true)
            with { Cacheable = true };

    /// <summary>The read as sent ahead: with other paths' reads, all of them are made by one command (<see cref="FileReads"/>).</summary>
    public static AheadRead Ahead(string path, bool withContent) => new(Command(path, withContent), FileReads.Part(path, withContent));

    public static async Task<FileState> ReadAsync(HostContext host, string path, bool withContent, CancellationToken ct)
    {
        var result = await host.RunAsync(Command(path, withContent), ct).ConfigureAwait(false);
        if (!result.Ok) throw new RemoteReadException($"could not read {path}: {result.Describe()}");
        return Parse(result.Stdout);
    }

    public static FileState Parse(string stdout)
    {
        var lines = stdout.Split('\n');
        var kind = lines[0].Trim() switch
        {
            "file" => FileKind.File,
            "directory" => FileKind.Directory,
            "link" => FileKind.Link,
            "other" => FileKind.Other,
            _ => FileKind.Absent,
        };
        if (kind == FileKind.Absent) return FileState.Absent;
        var stat = lines[1].Trim().Split(' ');
        var mode = stat[0].PadLeft(4, '0');
        var size = long.Parse(stat[3], System.Globalization.CultureInfo.InvariantCulture);
        var third = lines.Length > 2 ? lines[2].Trim() : "";
        var digest = third.StartsWith(DigestPrefix, StringComparison.Ordinal) ? third[DigestPrefix.Length..] : null;
        var ids = (Uid: stat.Length > 4 ? stat[4] : null, Gid: stat.Length > 5 ? stat[5] : null);
        var state = kind switch
        {
            FileKind.Link => new FileState(kind, mode, stat[1], stat[2], third, null, size),
            FileKind.File when digest is not null => new FileState(kind, mode, stat[1], stat[2], null, null, size) { Sha256 = digest },
            FileKind.File => new FileState(kind, mode, stat[1], stat[2], null, size == 0 ? [] : third.Length > 0 ? System.Convert.FromBase64String(third) : null, size),
            _ => new FileState(kind, mode, stat[1], stat[2], null, null, size),
        };
        return state with { Uid = ids.Uid, Gid = ids.Gid };
    }
}

/// <summary>A read that failed on the host; the engine reports the task as Failed with this message.</summary>
public sealed class RemoteReadException(string message) : Exception(message);
