using System.Text;

namespace Provisioner.Yaml;

/// <summary>
/// Reads a line-based input file lazily within a size and a line length limit, so a file without
/// line breaks or without end ends in a located error, not in memory exhaustion. Devices are refused;
/// a named pipe is read (<c>provision cidrs &lt;(zcat file.gz)</c>), as it is bounded like a file.
/// </summary>
public static class InputLines
{
    /// <summary>The file's lines; problems are added to <paramref name="d"/> and end the enumeration.</summary>
    /// <param name="maxBytes">The size limit, counted in characters as they are read.</param>
    /// <param name="expected">What the file should be, for the fix of a line that is too long.</param>
    public static IEnumerable<string> Read(string path, Diagnostics d, long maxBytes, string expected)
    {
        var span = SourceSpan.CommandLine(path);
        if (Directory.Exists(path) || !File.Exists(path))
        {
            d.Add(span, Directory.Exists(path) ? "is a directory" : "file not found", "name a file");
            return [];
        }
        if (FileType.NotRegular(path) is { } kind and not "a named pipe")
        {
            d.Add(span, $"not a regular file ({kind})", "name a file");
            return [];
        }
        return Lines(path, d, maxBytes, expected);
    }

    private static IEnumerable<string> Lines(string path, Diagnostics d, long maxBytes, string expected)
    {
        StreamReader reader;
        try { reader = new StreamReader(path, new UTF8Encoding(false, throwOnInvalidBytes: false)); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            d.Add(SourceSpan.CommandLine(path), $"cannot be read: {ex.Message}", "check that it is readable by you");
            yield break;
        }
        using (reader)
        {
            var line = new StringBuilder();
            var number = 1;
            long read = 0;
            while (true)
            {
                int c;
                try { c = reader.Read(); }
                catch (IOException ex)
                {
                    d.Add(new SourceSpan(path, number, line.Length + 1), $"cannot be read: {ex.Message}", "check the file");
                    yield break;
                }
                if (c < 0 || c == '\n')
                {
                    if (c >= 0 || line.Length > 0) yield return line.ToString().TrimEnd('\r');
                    if (c < 0) yield break;
                    line.Clear();
                    number++;
                }
                else if (line.Length == InputLimits.MaxLineLength)
                {
                    d.Add(new SourceSpan(path, number, line.Length + 1), $"a line longer than {InputLimits.MaxLineLength} characters (line length limit)", $"name {expected}");
                    yield break;
                }
                else line.Append((char)c);
                if (++read > maxBytes)
                {
                    d.Add(new SourceSpan(path, number, line.Length + 1), $"larger than {maxBytes / 1024 / 1024} MiB (input size limit)", "check that it is the file you meant, or split it");
                    yield break;
                }
            }
        }
    }
}
