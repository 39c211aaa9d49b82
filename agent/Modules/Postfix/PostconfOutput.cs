using System.Text.RegularExpressions;

namespace Provisioner.Modules.Postfix;

/// <summary>
/// Parsers for what <c>postconf -n</c>, <c>postconf -M</c> and <c>postconf -P</c> print. Values are
/// compared whitespace-normalised: postconf joins continuation lines and pads master.cf columns,
/// so only the words matter.
/// </summary>
public static partial class PostconfOutput
{
    /// <summary>
    /// <c>postconf -n</c>: "name = value" lines (value may be empty: "name ="). A line that starts
    /// with whitespace continues the previous value (as main.cf and <c>postconf -nf</c> fold them).
    /// </summary>
    public static IReadOnlyDictionary<string, string> ParseMain(string stdout)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        string? last = null;
        foreach (var line in Lines(stdout))
        {
            if (line.Trim().Length == 0) continue;
            if (char.IsWhiteSpace(line[0]) && last is not null)
            {
                result[last] = Normalize(result[last] + " " + line);
                continue;
            }
            var m = Assignment().Match(line);
            if (!m.Success) continue; // "postconf: warning: ..." goes to stderr; anything else is not a parameter
            last = m.Groups[1].Value;
            result[last] = Normalize(m.Groups[2].Value);
        }
        return result;
    }

    /// <summary>
    /// <c>postconf -M service/type</c>: the entry's words without its <c>-o name=value</c> options
    /// (those are compared through <c>-P</c>). Null when the service is not defined.
    /// </summary>
    public static string? ParseMasterEntry(string stdout)
    {
        var words = string.Join(' ', Lines(stdout)).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 8) return null;
        var kept = new List<string>();
        for (var i = 0; i < words.Length; i++)
        {
            if (i >= 8 && words[i] == "-o" && i + 1 < words.Length) { i++; continue; }
            if (i >= 8 && words[i].StartsWith("-o", StringComparison.Ordinal) && words[i].Contains('=')) continue;
            kept.Add(words[i]);
        }
        return string.Join(' ', kept);
    }

    /// <summary><c>postconf -P service/type</c>: "service/type/name = value" lines → name → value.</summary>
    public static IReadOnlyDictionary<string, string> ParseOptions(string stdout, string service)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var prefix = service + "/";
        foreach (var line in Lines(stdout))
        {
            var m = Assignment().Match(line);
            if (!m.Success || !m.Groups[1].Value.StartsWith(prefix, StringComparison.Ordinal)) continue;
            result[m.Groups[1].Value[prefix.Length..]] = Normalize(m.Groups[2].Value);
        }
        return result;
    }

    /// <summary>Words separated by single spaces, ends trimmed.</summary>
    public static string Normalize(string value) => Whitespace().Replace(value.Trim(), " ");

    private static IEnumerable<string> Lines(string text) => text.Replace("\r", "", StringComparison.Ordinal).Split('\n');

    [GeneratedRegex(@"^([A-Za-z0-9_./-]+)\s*=\s?(.*)$")]
    private static partial Regex Assignment();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
