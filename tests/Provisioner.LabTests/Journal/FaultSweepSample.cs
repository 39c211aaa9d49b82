using System.Globalization;
using System.Text.RegularExpressions;
using Provisioner.LabTests.Execution;
using Provisioner.LabTests.Lab;

namespace Provisioner.LabTests.Journal;

/// <summary>
/// CI's sample of the kill-point sweep (tests/faults/sweep): every fifth host command of stages 1 and 3
/// of site.yml, the controller killed right after it, the host recovered by the next run and found
/// exactly as before the stage or converged, never in between. The sample is cut in three, each on a
/// lab host of its own, so the three run beside each other and beside the other lab classes: stage 1
/// every tenth point from the first, the same from the sixth, stage 3 every fifth; each part also kills
/// a run right after the journal's commit, which has no fixed place in the count and must end converged.
/// The whole sweep (every point) is the same script with --every 1; its last result is in the README's
/// "Reliability".
/// </summary>
public abstract partial class FaultSweepSample
{
    /// <summary>Runs the sweep on a fresh lab host and asserts every point it tried was prior or converged.</summary>
    /// <param name="atLeast">Fewer points tried than this means the sweep proved nothing (a stage that ended early).</param>
    protected static async Task SweepAsync(string host, int stage, int every, int first, int atLeast)
    {
        var report = Path.Combine(Path.GetTempPath(), $"fault-sweep-{Guid.NewGuid():N}.txt");
        var program = Path.Combine(AppContext.BaseDirectory, "provision");
        string Text(int n) => n.ToString(CultureInfo.InvariantCulture);
        // A bound, not a measurement: a part takes 10-20 minutes on a loaded 2-core machine.
        var run = await LabInstance.RunScriptAsync(Path.Combine(LabInstance.RepoRoot, "tests", "faults", "sweep"),
            new Dictionary<string, string> { ["PROVISION"] = program }, TimeSpan.FromMinutes(120),
            "--stages", Text(stage), "--every", Text(every), "--first", Text(first), "--name", FreshLabFixture.Scoped(host), "--report", report);
        var text = File.Exists(report) ? await File.ReadAllTextAsync(report) : "(no report written)";
        File.Delete(report);

        run.ExitCode.ShouldBe(0, $"{run.StdOut}\n{run.StdErr}\n--- report\n{text}");
        var m = Summary().Match(text);
        m.Success.ShouldBeTrue($"no summary line for stage {stage}\n{text}");
        m.Groups["stage"].Value.ShouldBe(Text(stage), text);
        int N(string group) => int.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);
        N("tried").ShouldBeGreaterThanOrEqualTo(atLeast, $"stage {stage}: too few kill points tried\n{text}");
        (N("prior") + N("converged")).ShouldBe(N("tried"), text);
        N("mixed").ShouldBe(0, text);
        N("failed").ShouldBe(0, text);
        text.ShouldContain("total: mixed or failed: 0");
        text.ShouldContain($"stage {stage}: final apply, verify and check: converged");
    }

    [GeneratedRegex(@"stage (?<stage>\d): (?<tried>\d+) kill points tried .*: prior (?<prior>\d+), converged (?<converged>\d+), mixed (?<mixed>\d+), failed (?<failed>\d+)")]
    private static partial Regex Summary();
}
