using Provisioner.LabTests.Lab;

namespace Provisioner.LabTests.Journal;

/// <summary>
/// The manifest of a lab host (tests/faults/manifest.sh, the one the fault sweep compares too):
/// everything an undo must give back exactly.
/// </summary>
public static class LabManifest
{
    private static readonly Lazy<string> Script = new(() => File.ReadAllText(Path.Combine(LabInstance.RepoRoot, "tests", "faults", "manifest.sh")));

    public static string Of(LabInstance lab) => lab.Run(Script.Value);

    /// <summary>Equal manifests, or a failure that shows only the lines that differ.</summary>
    public static void ShouldBeSame(string before, string after, string context)
    {
        var b = before.Split('\n');
        var a = after.Split('\n');
        var gone = b.Except(a).Select(l => "- " + l);
        var added = a.Except(b).Select(l => "+ " + l);
        string.Join("\n", gone.Concat(added)).ShouldBeEmpty(context);
    }
}
