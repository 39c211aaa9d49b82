using Xunit.Abstractions;

[assembly: TestCollectionOrderer("Provisioner.LabTests.Lab.LongestFirstOrderer", "Provisioner.LabTests")]

namespace Provisioner.LabTests.Lab;

/// <summary>
/// Starts the test classes that take longest (whole-playbook runs on fresh hosts, the VM) first and
/// the short ones after, in their usual order: with a fixed number running at a time, a long class
/// started last would otherwise run alone at the end and set the suite's wall time.
/// </summary>
public sealed class LongestFirstOrderer : ITestCollectionOrderer
{
    /// <summary>
    /// Longest first, by the end of the collection's display name: the VM (about 30 minutes under
    /// TCG, at nice 10 on the CPU the others leave idle), the whole-playbook classes and the kill-point
    /// samples (10–25 minutes each), then those of 5–10 minutes.
    /// </summary>
    private static readonly string[] Longest =
    [
        Vm.VmCollection.Name, "SiteTrixieLabTests", "RollbackLabTests",
        "FaultSweepStage3LabTests", "FaultSweepStage1LabTests", "FaultSweepStage1ShiftedLabTests", "SiteBookwormLabTests", "SiteForkyLabTests",
        "PostconfLabTests", "CertbotLabTests", "GuardLabTests",
    ];

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections
            .Select((c, i) => (Collection: c, Rank: Rank(c.DisplayName), Index: i))
            .OrderBy(x => x.Rank).ThenBy(x => x.Index)
            .Select(x => x.Collection);

    private static int Rank(string displayName)
    {
        var i = Array.FindIndex(Longest, l => displayName.EndsWith(l, StringComparison.Ordinal));
        return i < 0 ? Longest.Length : i;
    }
}
