using Provisioner.Reads;
using Provisioner.Transport;

namespace Provisioner.Modules.Packages;

/// <summary>
/// Several package reads made by one command (package-reads.sh: one dpkg-query or rpm -q for every
/// name), each answered exactly as package-read.sh prints it alone, so <see cref="PackageModule.Parse"/>
/// cannot tell — where no candidate version is needed (an install or upgrade to plan asks apt-cache or
/// dnf, and those reads run alone). A name the listing does not settle (no line, or several: another
/// architecture, an rpm capability) leaves its read unanswered too.
/// </summary>
public sealed class PackageReads : IReadJoint
{
    public static readonly PackageReads Joint = new();

    private static readonly HostScript Script = HostScript.Load("package-reads.sh");

    private PackageReads() { }

    /// <summary>A read's part: the manager, the state and the names, as package-read.sh takes them.</summary>
    public static JointRead Part(string manager, string state, IReadOnlyList<string> names) => new(Joint, [manager, state, .. names]);

    public Command Join(IReadOnlyList<JointRead> reads) =>
        Command.Script(Script.Inline([reads[0].Args[0], .. reads.SelectMany(r => r.Args.Skip(2)).Distinct(StringComparer.Ordinal)]), readOnly: true);

    public IReadOnlyList<string?> Split(string stdout, IReadOnlyList<JointRead> reads)
    {
        var manager = reads[0].Args[0];
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToLookup(l => l.Split(' ', 2)[0], StringComparer.Ordinal);
        return [.. reads.Select(r => r.Args[0] == manager ? Answer(r.Args[1], r.Args.Skip(2), manager, lines) : null)];
    }

    private static string? Answer(string state, IEnumerable<string> names, string manager, ILookup<string, string> lines)
    {
        var answer = new System.Text.StringBuilder();
        foreach (var name in names)
        {
            // An architecture, a glob or a capability matches under another name: only the read alone can tell.
            if (name.IndexOfAny([':', '*', '?', '[', ' ']) >= 0) return null;
            var found = lines[name].Where(l => l.Length > name.Length + 1).ToList();
            var (settled, version) = manager == "dnf" ? InstalledRpm(name, found, lines) : InstalledDeb(name, found);
            if (!settled) return null;
            // A candidate is asked for (apt-cache, dnf repoquery): only the read alone can answer it.
            if (state == "latest" || (version is null && state != "absent")) return null;
            answer.Append("i ").Append(name).Append(' ').Append(version ?? "-").Append('\n');
        }
        return answer.ToString();
    }

    /// <summary>dpkg-query's line "NAME WANT OK STATUS VERSION": installed only as "install ok installed" (package-read.sh's test); no line: unknown.</summary>
    private static (bool Settled, string? Version) InstalledDeb(string name, List<string> found) => found switch
    {
        [] => (true, null),
        [var line] => line[(name.Length + 1)..] is var s && s.StartsWith("install ok installed ", StringComparison.Ordinal) ? (true, s[(s.LastIndexOf(' ') + 1)..]) : (true, null),
        _ => (false, null),
    };

    /// <summary>rpm -q's "NAME VERSION-RELEASE", or "package NAME is not installed".</summary>
    private static (bool Settled, string? Version) InstalledRpm(string name, List<string> found, ILookup<string, string> lines) => found switch
    {
        [var line] => (true, line[(name.Length + 1)..]),
        [] when lines["package"].Contains($"package {name} is not installed") => (true, null),
        _ => (false, null),
    };
}
