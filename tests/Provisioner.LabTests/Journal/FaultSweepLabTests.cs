using System.Globalization;
using System.Text.RegularExpressions;
using Provisioner.LabTests.Execution;
using Provisioner.LabTests.Lab;

namespace Provisioner.LabTests.Journal;

/// <summary>
/// CI's sample of the kill-point sweep (tests/faults/sweep): every thirtieth host command of stage 1
/// of site.yml (the package transaction, users, aliases, main.cf, firewalld and the handlers), the
/// controller killed right after it, the host recovered by the next run and found exactly as before
/// the stage or converged, never in between. The whole sweep (every point of stages 1 and 3) is the
/// same script with --every 1; its last result is in the README's "Reliability" section. Each point
/// costs a package install and purge, so CI's 60 minutes allow a sample, not the sweep.
/// </summary>
public sealed partial class FaultSweepLabTests
{
    /// <summary>Every thirtieth point: CI's sample (see the README for what it costs here).</summary>
    private const int Every = 30;

    [Fact]
    public async Task Every_thirtieth_kill_point_of_stage_1_leaves_the_host_as_before_or_converged()
    {
        var report = Path.Combine(Path.GetTempPath(), $"fault-sweep-{Guid.NewGuid():N}.txt");
        var program = Path.Combine(AppContext.BaseDirectory, "provision");
        // A bound, not a measurement: the sample takes about 10 minutes on a loaded 2-core machine.
        var run = await LabInstance.RunScriptAsync(Path.Combine(LabInstance.RepoRoot, "tests", "faults", "sweep"),
            new Dictionary<string, string> { ["PROVISION"] = program }, TimeSpan.FromMinutes(120),
            "--stages", "1", "--every", Every.ToString(CultureInfo.InvariantCulture), "--name", FreshLabFixture.Scoped("t-sweep"), "--report", report);
        var text = File.Exists(report) ? await File.ReadAllTextAsync(report) : "(no report written)";
        File.Delete(report);

        run.ExitCode.ShouldBe(0, $"{run.StdOut}\n{run.StdErr}\n--- report\n{text}");
        var stages = Summary().Matches(text).ToDictionary(m => m.Groups["stage"].Value, m => m);
        string.Join(",", stages.Keys.Order()).ShouldBe("1", text);
        foreach (var (stage, m) in stages)
        {
            int N(string group) => int.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);
            // A sweep that tried nothing proves nothing: stage 1 runs ~90 host commands, so 3 points or more
            // (1, 31, 61: before the first change, after the package install and users, in the handlers or probes).
            N("tried").ShouldBeGreaterThanOrEqualTo(3, $"stage {stage}: too few kill points tried\n{text}");
            (N("prior") + N("converged")).ShouldBe(N("tried"), text);
            N("mixed").ShouldBe(0, text);
            N("failed").ShouldBe(0, text);
        }
        text.ShouldContain("total: mixed or failed: 0");
    }

    [GeneratedRegex(@"stage (?<stage>\d): (?<tried>\d+) kill points tried .*: prior (?<prior>\d+), converged (?<converged>\d+), mixed (?<mixed>\d+), failed (?<failed>\d+)")]
    private static partial Regex Summary();
}
