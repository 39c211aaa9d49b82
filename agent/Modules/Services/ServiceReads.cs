using Provisioner.Reads;
using Provisioner.Transport;

namespace Provisioner.Modules.Services;

/// <summary>
/// Several units' reads made by one command (service-reads.sh: one <c>systemctl show</c> and one
/// <c>systemctl is-active</c> for all of them), each unit's answer put together exactly as
/// service-read.sh prints it alone, so <see cref="ServiceModule.Parse"/> cannot tell. Where the
/// sections do not add up it answers none, and each unit is read on its own as before.
/// </summary>
public sealed class ServiceReads : IReadJoint
{
    public static readonly ServiceReads Joint = new();

    private static readonly HostScript Script = HostScript.Load("service-reads.sh");

    private ServiceReads() { }

    public static JointRead Part(string unit) => new(Joint, [unit]);

    public Command Join(IReadOnlyList<JointRead> reads) => Command.Script(Script.Inline([.. reads.Select(r => r.Args[0])]), readOnly: true);

    public IReadOnlyList<string?> Split(string stdout, IReadOnlyList<JointRead> reads)
    {
        var none = new string?[reads.Count];
        var sections = Sections(stdout);
        var loads = Lines(sections.GetValueOrDefault("load")).Where(l => l.Length > 0).ToList();
        var actives = Lines(sections.GetValueOrDefault("active"));
        if (loads.Count != reads.Count || actives.Count != reads.Count) return none;
        var answers = new string?[reads.Count];
        for (var i = 0; i < reads.Count; i++)
        {
            if (sections.GetValueOrDefault($"enabled {i}") is not { } enabled) return none;
            var presets = "";
            if (loads[i] == "not-found")
            {
                if (sections.GetValueOrDefault("presets") is not { } listing) return none;
                presets = MarkedSections.Marker + "presets\n" + listing;
            }
            answers[i] = $"{loads[i]}\n{actives[i]}\n{enabled}{presets}";
        }
        return answers;
    }

    /// <summary>Each "@@ NAME" section's text exactly as printed (every line with its newline).</summary>
    private static Dictionary<string, string> Sections(string stdout)
    {
        var sections = new Dictionary<string, string>(StringComparer.Ordinal);
        string? name = null;
        var start = 0;
        for (var at = 0; at < stdout.Length;)
        {
            var end = stdout.IndexOf('\n', at) is var n and >= 0 ? n + 1 : stdout.Length;
            if (stdout.AsSpan(at).StartsWith(MarkedSections.Marker, StringComparison.Ordinal))
            {
                if (name is not null) sections[name] = stdout[start..at];
                name = stdout[(at + MarkedSections.Marker.Length)..end].TrimEnd('\n');
                start = end;
            }
            at = end;
        }
        if (name is not null) sections[name] = stdout[start..];
        return sections;
    }

    private static List<string> Lines(string? text) => text is null ? [] : [.. text.Split('\n').SkipLast(1)];
}
