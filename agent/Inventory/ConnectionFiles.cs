using Provisioner.Transport;
using Provisioner.Yaml;

namespace Provisioner.Inventories;

/// <summary>
/// The files a host's connection reads on the controller — its key, known_hosts, an ssh configuration —
/// checked before any connection: /dev/zero as a key ran out of memory, a named pipe as known_hosts
/// hung, a directory gave advice to append to it. Each problem is invalid input, at the variable that
/// named the file. A file that does not exist yet is left to the connection (validate may run where the
/// keys are not).
/// </summary>
public static class ConnectionFiles
{
    public static void Check(string host, Diagnostics diagnostics, params (string Key, string? Path, SourceSpan Span)[] files)
    {
        foreach (var (key, path, span) in files)
        {
            if (path is null || InputFile.NotReadable(HomePath.Expand(path)) is not { } why) continue;
            diagnostics.Add(span, $"{key} of host '{host}' ('{path}') {why}", $"point {key} at a regular file, or leave it out");
        }
    }
}
