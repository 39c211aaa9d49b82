using Provisioner.Yaml;

namespace Provisioner.Inventories;

/// <summary>
/// <c>--limit @FILE</c>, as Ansible reads it: each line of the file (a .retry file, or any list of hosts)
/// is a pattern of its own. Relative to the current directory.
/// </summary>
public static class LimitFiles
{
    public static string Expand(string pattern, Diagnostics d)
    {
        var terms = PatternTerms.Split(pattern);
        if (!terms.Any(t => t.StartsWith('@'))) return pattern;
        var expanded = new List<string>();
        foreach (var term in terms)
        {
            if (!term.StartsWith('@')) { expanded.Add(term); continue; }
            var file = term[1..];
            if (InputFile.ReadText(file, d, SourceSpan.CommandLine($"--limit {term}")) is not { } text) continue;
            expanded.AddRange(text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
        }
        return string.Join(',', expanded);
    }
}
