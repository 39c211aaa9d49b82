using Provisioner.Yaml;

namespace Provisioner.Cli;

/// <summary>
/// A --report or --junit target. It is checked before the run, since a report that cannot be
/// written is only found out after the hosts were changed; it is written after the run through a
/// temporary file in the same directory and a rename, so a failed write leaves no half report.
/// </summary>
public static class ReportFile
{
    public const string Stdout = "-";

    /// <summary>Reports why <paramref name="target"/> cannot take a report, if it cannot.</summary>
    public static void Check(string option, string? target, Diagnostics d)
    {
        if (target is null or Stdout) return;
        var span = SourceSpan.CommandLine(option);
        var example = option == "--junit" ? "reports/junit.xml" : "reports/run.json";
        var fix = $"name a file in an existing, writable directory, e.g. {option} {example}, or {option} - for stdout";
        if (target.Length == 0 || Directory.Exists(target))
        {
            d.Add(span, target.Length == 0 ? "the file name is empty" : $"'{target}' is a directory", fix);
            return;
        }
        var path = Resolve(target);
        if (File.Exists(path) && FileType.NotRegular(path) is { } kind)
        {
            d.Add(span, $"'{target}' is {kind}, not a file", fix);
            return;
        }
        var directory = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(directory))
        {
            d.Add(span, $"the directory '{directory}' does not exist", $"create it first (mkdir -p {directory}), or {fix}");
            return;
        }
        var probe = TempName(path);
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write)) { }
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            d.Add(span, $"cannot write in '{directory}': {ex.Message}", fix);
        }
    }

    /// <summary>Writes the report; returns why it could not be written, or null.</summary>
    public static string? Write(string target, string content, TextWriter stdout)
    {
        if (target == Stdout)
        {
            try { stdout.WriteLine(content); }
            catch (IOException ex) { return $"could not write the report to standard output: {ex.Message}"; }
            return null;
        }
        var path = Resolve(target);
        var temp = TempName(path);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            using (var writer = new StreamWriter(stream))
            {
                writer.WriteLine(content);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            try { File.Delete(temp); } catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException) { }
            return $"could not write {target}: {ex.Message}";
        }
    }

    /// <summary>
    /// Refuses a report path that is a file the run reads (writing there would destroy it, a secret one
    /// left readable) or the other report's path (one of the two would be lost).
    /// </summary>
    public static void CheckNotInput(string option, string? target, IReadOnlyList<RunInputFiles.Input> inputs, (string Option, string? Target) other, Diagnostics d)
    {
        if (target is null or Stdout || target.Length == 0) return;
        var span = SourceSpan.CommandLine(option);
        var example = option == "--junit" ? "reports/junit.xml" : "reports/run.json";
        if (RunInputFiles.Find(target, inputs) is { } input)
            d.Add(span, $"'{target}' is {input.What} of this run ({input.Path}): the report would overwrite it", $"name a file of its own, e.g. {option} {example}");
        else if (other.Target is { Length: > 0 } and not Stdout && Resolve(other.Target) == Resolve(target) && string.CompareOrdinal(option, other.Option) > 0)
            d.Add(span, $"'{target}' is also the {other.Option} file: one report would overwrite the other", $"give each its own file, e.g. --report reports/run.json --junit reports/junit.xml");
    }

    /// <summary>A link is followed, so the rename replaces the file it points at, not the link.</summary>
    public static string Resolve(string target)
    {
        var full = Path.GetFullPath(target);
        return File.Exists(full) && new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true) is { } final ? final.FullName : full;
    }

    private static string TempName(string path) =>
        Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
}
