using System.Globalization;
using System.Text.RegularExpressions;
using Provisioner.Yaml;

namespace Provisioner.Cli;

/// <summary>
/// The run logs' names and their pruning: a run keeps the newest <c>--keep-logs</c> logs (its own
/// included) and removes older ones. Only files named as the tool names them are ever removed.
/// </summary>
public static partial class RunLogs
{
    public const int DefaultKeep = 20;

    /// <summary>The name of a new run's log: its start time (UTC) and the process id.</summary>
    public static string NewName() =>
        string.Create(CultureInfo.InvariantCulture, $"run-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}.json");

    public static void Check(int keep, Diagnostics d)
    {
        if (keep < 1)
            d.Add(SourceSpan.CommandLine("--keep-logs"), $"must be 1 or more (how many run logs to keep, this run's included), not {keep}",
                $"write --keep-logs {DefaultKeep}, or leave it out (default {DefaultKeep})");
    }

    /// <summary>
    /// Removes the oldest of the tool's logs in <paramref name="directory"/> so that <paramref name="keep"/>
    /// remain, <paramref name="current"/> always among them. A log that cannot be removed stays: pruning
    /// must never stop a run.
    /// </summary>
    public static void Prune(string directory, string current, int keep)
    {
        var currentName = Path.GetFileName(current);
        var older = new DirectoryInfo(directory).EnumerateFiles("run-*.json")
            .Where(f => OwnName().IsMatch(f.Name) && f.Name != currentName)
            .OrderByDescending(f => f.LastWriteTimeUtc).ThenByDescending(f => f.Name, StringComparer.Ordinal)
            .Skip(keep - 1);
        foreach (var file in older)
        {
            try { file.Delete(); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
        }
    }

    [GeneratedRegex(@"^run-[0-9]{8}-[0-9]{6}-[0-9]+\.json$")]
    private static partial Regex OwnName();
}
