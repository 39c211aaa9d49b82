using System.Text.RegularExpressions;

namespace Provisioner.Modules.Lines;

/// <summary>Where a new line goes when no line matches: a regex anchor, or the file's start or end.</summary>
public sealed record LinePosition(bool After, Regex? Anchor, bool Start)
{
    public static readonly LinePosition End = new(true, null, false);
}

/// <summary>
/// The pure text algorithm of lineinfile. Lines keep their own endings (CRLF stays CRLF); inserted
/// lines take the file's dominant ending; the regex sees a line without its ending.
/// </summary>
public static class LineEditor
{
    private sealed record Line(string Text, string Ending);

    /// <summary>
    /// Present: replace the last line matching <paramref name="regexp"/> with <paramref name="line"/>;
    /// otherwise, unless the exact line is already there, insert it at <paramref name="where"/>.
    /// </summary>
    public static string Ensure(string content, string line, Regex? regexp, LinePosition where)
    {
        var lines = Split(content);
        var match = regexp is null ? -1 : lines.FindLastIndex(l => regexp.IsMatch(l.Text));
        if (match >= 0)
        {
            lines[match] = lines[match] with { Text = line };
            return Join(lines);
        }
        if (lines.Any(l => l.Text == line)) return content;

        var newline = content.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var at = where switch
        {
            { Start: true } => 0,
            { Anchor: null } => lines.Count,
            { After: true } => lines.FindLastIndex(l => where.Anchor.IsMatch(l.Text)) is var i and >= 0 ? i + 1 : lines.Count,
            _ => lines.FindIndex(l => where.Anchor.IsMatch(l.Text)) is var i and >= 0 ? i : lines.Count,
        };
        // A last line without a newline gets one, or the new line would be glued onto it.
        if (at == lines.Count && at > 0 && lines[^1].Ending.Length == 0) lines[^1] = lines[^1] with { Ending = newline };
        lines.Insert(at, new Line(line, newline));
        return Join(lines);
    }

    /// <summary>Absent: remove every line matching <paramref name="regexp"/> (or, without one, equal to <paramref name="line"/>).</summary>
    public static string Remove(string content, string? line, Regex? regexp)
    {
        var lines = Split(content);
        var kept = lines.Where(l => regexp is not null ? !regexp.IsMatch(l.Text) : l.Text != line).ToList();
        return kept.Count == lines.Count ? content : Join(kept);
    }

    private static List<Line> Split(string content)
    {
        var lines = new List<Line>();
        var start = 0;
        while (start < content.Length)
        {
            var nl = content.IndexOf('\n', start);
            if (nl < 0) { lines.Add(new Line(content[start..], "")); break; }
            var cr = nl > start && content[nl - 1] == '\r';
            lines.Add(new Line(content[start..(cr ? nl - 1 : nl)], cr ? "\r\n" : "\n"));
            start = nl + 1;
        }
        return lines;
    }

    private static string Join(IEnumerable<Line> lines) => string.Concat(lines.Select(l => l.Text + l.Ending));
}
