namespace Provisioner.Reads;

/// <summary>
/// One read script, several answers: each answer follows a marker line <c>@@ NAME</c>, so a module
/// reads everything it needs in one round trip and takes the parts apart by name. Lines before
/// the first marker form the section named "".
/// </summary>
public sealed class MarkedSections
{
    public const string Marker = "@@ ";

    private readonly Dictionary<string, List<string>> _sections;

    private MarkedSections(Dictionary<string, List<string>> sections) => _sections = sections;

    /// <summary>The shell that starts section <paramref name="name"/> (a fixed word, not user input).</summary>
    public static string Echo(string name) => $"echo '{Marker}{name}'";

    public static MarkedSections Parse(string stdout)
    {
        var current = new List<string>();
        var sections = new Dictionary<string, List<string>>(StringComparer.Ordinal) { [""] = current };
        foreach (var raw in stdout.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith(Marker, StringComparison.Ordinal)) sections[line[Marker.Length..].Trim()] = current = [];
            else current.Add(line);
        }
        return new MarkedSections(sections);
    }

    public bool Has(string name) => _sections.ContainsKey(name);

    public IEnumerable<string> Names => _sections.Keys;

    /// <summary>The section's lines as printed (none when it is missing).</summary>
    public IReadOnlyList<string> Lines(string name) => _sections.GetValueOrDefault(name) ?? [];

    /// <summary>The section's lines, trimmed, without empty ones.</summary>
    public IReadOnlyList<string> Words(string name) => Lines(name).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

    /// <summary>The section as text ("" when it is missing).</summary>
    public string Text(string name) => string.Join('\n', Lines(name));
}
