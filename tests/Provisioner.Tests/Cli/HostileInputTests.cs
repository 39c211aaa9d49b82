using System.Text.RegularExpressions;
using Provisioner.Tests.Playbooks;

namespace Provisioner.Tests.CliTests;

/// <summary>
/// Issue 11's hostile-input corpus, run through the real program: every input ends in exit 4 with a
/// message that names the file (and line) and what is wrong, no stack trace, within the harness's
/// memory cap and kill timeout (<see cref="ProvisionProcess"/>) — never a hang, a crash or exit 1.
/// </summary>
public sealed partial class HostileInputTests : IDisposable
{
    private readonly TempDir _dir = new();
    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("yaml-alias-bomb")]
    [InlineData("yaml-deep-nesting")]
    [InlineData("oversized-playbook")]
    [InlineData("invalid-utf8")]
    [InlineData("dev-zero-playbook")]
    [InlineData("proc-mem-playbook")]
    [InlineData("empty-address")]
    [InlineData("cidrs-dev-zero")]
    [InlineData("cidrs-count-overflow")]
    [InlineData("report-in-missing-directory")]
    [InlineData("junit-to-dev-full")]
    [InlineData("zero-forks")]
    [InlineData("short-firewall-guard")]
    [InlineData("backwards-stage-range")]
    [InlineData("liquid-nested-loops")]
    [InlineData("liquid-nested-ifs")]
    [InlineData("liquid-chained-filters")]
    [InlineData("variable-expansion-bomb")]
    [InlineData("liquid-divided-by-zero")]
    [InlineData("liquid-modulo-zero")]
    [InlineData("liquid-number-overflow")]
    [InlineData("liquid-self-include")]
    [InlineData("liquid-unknown-filter")]
    public async Task Ends_in_exit_4_with_a_located_message_within_the_harness_limits(string name)
    {
        var input = HostileCorpus.Get(name, _dir.Path);
        var run = await ProvisionProcess.RunAsync(_dir.Path, input.Args);
        run.Killed.ShouldBeFalse($"stopped by the harness ({ProvisionProcess.CpuSeconds} s of processor time or {ProvisionProcess.KillAfter.TotalSeconds:0} s of wall time): {run}");
        run.HasStackTrace.ShouldBeFalse(run.ToString());
        run.ExitCode.ShouldBe(4, run.ToString());
        run.Stdout.ShouldBeEmpty(run.ToString());
        foreach (var expected in input.Names) run.Stderr.ShouldContain(expected, Case.Sensitive, run.ToString());
        if (input.Located) Location().IsMatch(run.Stderr).ShouldBeTrue($"no FILE:LINE:COLUMN in {run}");
    }

    [GeneratedRegex(@"\S+:\d+:\d+: ")]
    private static partial Regex Location();
}
