using System.Text.RegularExpressions;

namespace Provisioner.Modules.Services;

/// <summary>
/// systemd.preset(5), evaluated for a unit that is not installed yet: what <c>systemctl preset</c>
/// (run by Fedora's RPM scriptlets on a fresh install) will make of it. Files are ordered by name
/// across all directories; a same-named file in an earlier directory (/etc before /usr/lib) hides
/// the later one; the first matching line wins; no match means enable.
/// </summary>
public static class Presets
{
    public static readonly string[] Directories =
        ["/etc/systemd/system-preset", "/run/systemd/system-preset", "/usr/local/lib/systemd/system-preset", "/usr/lib/systemd/system-preset"];

    /// <summary>What service-read.sh prints before each preset file it lists (a /dev/null mask prints empty).</summary>
    public const string FileMarker = "::file ";

    public static IReadOnlyList<(string Path, string Text)> ParseListing(string listing)
    {
        var files = new List<(string, string)>();
        string? path = null;
        var text = new List<string>();
        foreach (var line in listing.Split('\n'))
        {
            if (line.StartsWith(FileMarker, StringComparison.Ordinal))
            {
                if (path is not null) files.Add((path, string.Join('\n', text)));
                path = line[FileMarker.Length..].Trim();
                text.Clear();
            }
            else if (path is not null) text.Add(line);
        }
        if (path is not null) files.Add((path, string.Join('\n', text)));
        return files;
    }

    /// <summary>True when presets enable <paramref name="unit"/> (".service" is assumed without a suffix).</summary>
    public static bool Enables(string unit, IReadOnlyList<(string Path, string Text)> files)
    {
        if (!unit.Contains('.', StringComparison.Ordinal)) unit += ".service";
        int Rank(string path) => Array.FindIndex(Directories, d => path.StartsWith(d + "/", StringComparison.Ordinal)) is var i and >= 0 ? i : Directories.Length;
        var effective = files
            .GroupBy(f => Path.GetFileName(f.Path), StringComparer.Ordinal)
            .Select(g => g.OrderBy(f => Rank(f.Path)).First())
            .OrderBy(f => Path.GetFileName(f.Path), StringComparer.Ordinal);
        foreach (var (_, text) in effective)
            foreach (var raw in text.Split('\n'))
            {
                var parts = raw.Trim().Split((char[]?)null, 3, StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length < 2 || parts[0].StartsWith('#') || parts[0].StartsWith(';')) continue;
                if (parts[0] is not ("enable" or "disable" or "ignore")) continue;
                if (Glob(parts[1]).IsMatch(unit)) return parts[0] == "enable";
            }
        return true;
    }

    private static Regex Glob(string pattern)
    {
        var re = new System.Text.StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*') re.Append(".*");
            else if (c == '?') re.Append('.');
            else if (c == '[' && pattern.IndexOf(']', i + 1) is var end and > 0)
            {
                var set = pattern[(i + 1)..end];
                re.Append('[').Append(set.StartsWith('!') ? "^" + Regex.Escape(set[1..]) : Regex.Escape(set)).Append(']');
                i = end;
            }
            else re.Append(Regex.Escape(c.ToString()));
        }
        return new Regex(re.Append('$').ToString(), RegexOptions.CultureInvariant);
    }
}
