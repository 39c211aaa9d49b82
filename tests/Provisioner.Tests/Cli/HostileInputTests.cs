using System.Text.RegularExpressions;
using Provisioner.Tests.Playbooks;

namespace Provisioner.Tests.CliTests;

/// <summary>
/// Issues 11's and 24's hostile-input corpus, run through the real program: every input ends in exit 4
/// (or, where it is hostile only in what it costs, the exit it should have) with a message that names
/// the file (and line) and what is wrong, no stack trace and nothing it must not show, within the harness's
/// memory cap and kill timeout (<see cref="ProvisionProcess"/>) — never a hang, a crash or exit 1 —
/// and at the cost issue 24 sets: under <see cref="MaxCpuSeconds"/> of the child's processor time and
/// <see cref="MaxPeakRssBytes"/> of its peak memory, as the kernel counted them (not wall-clock time).
/// </summary>
public sealed partial class HostileInputTests : IDisposable
{
    public const double MaxCpuSeconds = 2;
    public const long MaxPeakRssBytes = 1024L * 1024 * 1024;

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
    [InlineData("range-letter-step-wraps")]
    [InlineData("range-counter-wraps")]
    [InlineData("range-multiplies-past-the-cap")]
    [InlineData("glob-backtracking-limit")]
    [InlineData("glob-backtracking-hosts")]
    [InlineData("did-you-mean-many-hosts")]
    [InlineData("filter-sort-in-a-loop")]
    [InlineData("filter-md5-in-a-loop")]
    [InlineData("contains-in-a-loop")]
    [InlineData("capture-doubling")]
    [InlineData("identity-file-dev-zero")]
    [InlineData("known-hosts-fifo")]
    [InlineData("known-hosts-directory")]
    [InlineData("ssh-config-dev-zero")]
    [InlineData("template-symlink-loop")]
    [InlineData("inventory-symlink-loop")]
    [InlineData("vault-script-endless-output")]
    [InlineData("yaml-tag-secert")]
    [InlineData("yaml-tag-capital-secret")]
    [InlineData("yaml-tag-double-bang-secret")]
    [InlineData("secret-on-a-mapping")]
    [InlineData("secret-with-a-syntax-error")]
    [InlineData("secret-as-a-filter-name")]
    [InlineData("vars-file-template-missing")]
    [InlineData("cidrs-negative-count")]
    [InlineData("cidrs-prefix-129")]
    [InlineData("cidrs-non-ascii-digits")]
    [InlineData("empty-inventory-path")]
    [InlineData("filter-argument-out-of-range")]
    [InlineData("filter-round-out-of-range")]
    [InlineData("forks-not-a-number")]
    public async Task Ends_in_exit_4_with_a_located_message_within_the_harness_limits(string name)
    {
        var input = HostileCorpus.Get(name, _dir.Path);
        var run = await ProvisionProcess.RunAsync(_dir.Path, input.Args);
        run.Killed.ShouldBeFalse($"stopped by the harness ({ProvisionProcess.CpuSeconds} s of processor time or {ProvisionProcess.KillAfter.TotalSeconds:0} s of wall time): {run}");
        run.HasStackTrace.ShouldBeFalse(run.ToString());
        run.ExitCode.ShouldBe(input.Exit, run.ToString());
        ShouldBeCheap(run);
        run.Stdout.ShouldBeEmpty(run.ToString());
        foreach (var expected in input.Names) run.Stderr.ShouldContain(expected, Case.Sensitive, run.ToString());
        foreach (var absent in input.Absent) run.Stderr.ShouldNotContain(absent, Case.Sensitive, run.ToString());
        if (input.Located) Location().IsMatch(run.Stderr).ShouldBeTrue($"no FILE:LINE:COLUMN in {run}");
    }

    /// <summary>
    /// Issue 24: writing to a full device ended in "internal error" (exit 1) or, when the error message
    /// itself could not be written, SIGABRT (exit 134). The write error is told where it can be, and the
    /// exit code is the run's own.
    /// </summary>
    [Theory]
    [InlineData(">/dev/full", 3, "could not write the report to standard output: No space left on device", "apply", "--report", "-")]
    [InlineData("2>/dev/full", 3, null, "apply")]
    [InlineData(">/dev/full 2>/dev/full", 3, null, "apply", "--report", "-")]
    [InlineData(">/dev/full", 1, "could not write to standard output: No space left on device", "apply", "--list-hosts")]
    [InlineData("2>/dev/full", 4, null, "validate", "no-such-playbook.yml")]
    public async Task A_full_device_is_told_and_the_exit_code_is_the_runs(string redirection, int exit, string? told, params string[] args)
    {
        string[] command = args[0] == "apply" ? [.. args[..1], HostileCorpus.Hostile("ok.yml"), "-i", HostileCorpus.Hostile("unreachable.inventory.yml"), .. args[1..]] : args;
        var run = await ProvisionProcess.RunRedirectedAsync(_dir.Path, redirection, command);
        run.Killed.ShouldBeFalse(run.ToString());
        run.ExitCode.ShouldBe(exit, run.ToString());
        run.Stderr.ShouldNotContain("internal error", Case.Sensitive, run.ToString());
        if (told is not null) run.Stderr.ShouldContain(told, Case.Sensitive, run.ToString());
        else if (redirection.StartsWith('2')) run.Stderr.ShouldBeEmpty(run.ToString());
    }

    private const string EvilHost = "evil\u001b]0;pwned\u0007\u001b[2J";

    /// <summary>A host and a task whose names would retitle and clear the operator's terminal.</summary>
    private string[] Evil(params string[] args)
    {
        var playbook = HostileCorpus.Write(_dir.Path, "evil.yml", "- hosts: all\n  tasks:\n    - name: \"motd \\e[31m red \\r\\u202e\"\n      copy: { dest: /etc/motd, content: hi }\n");
        var inventory = HostileCorpus.Write(_dir.Path, "evil.inventory.yml", "all:\n  hosts:\n    \"evil\\e]0;pwned\\a\\e[2J\": { address: 127.0.0.1, port: 1 }\n");
        return [args[0], playbook, "-i", inventory, .. args[1..]];
    }

    /// <summary>
    /// Issue 24: control characters from inventories and playbooks reached the terminal raw. Every
    /// human-readable output shows them escaped (\x1B); JSON keeps them exact.
    /// </summary>
    [Theory]
    [InlineData("apply", "--list-hosts")]
    [InlineData("apply", "--list-tasks")]
    [InlineData("apply")]
    [InlineData("validate", "--limit", "nope\u001b[2J")]
    public async Task Control_characters_are_escaped_in_human_output(params string[] args)
    {
        var run = await ProvisionProcess.RunAsync(_dir.Path, Evil(args));
        run.Killed.ShouldBeFalse(run.ToString());
        (run.Stdout + run.Stderr).ShouldContain("\\x1B", Case.Sensitive, run.ToString());
        foreach (var raw in "\u001b\u0007\r\u202e") (run.Stdout + run.Stderr).ShouldNotContain(raw.ToString(), Case.Sensitive, run.ToString());
    }

    [Fact]
    public async Task Control_characters_stay_exact_in_the_json_report()
    {
        var run = await ProvisionProcess.RunAsync(_dir.Path, Evil("apply", "--report", "-"));
        run.ExitCode.ShouldBe(3, run.ToString());
        using var report = System.Text.Json.JsonDocument.Parse(run.Stdout);
        report.RootElement.GetProperty("hosts")[0].GetProperty("host").GetString().ShouldBe(EvilHost);
    }

    internal static void ShouldBeCheap(ProcessOutcome run)
    {
        run.PeakRssBytes.ShouldBeGreaterThan(0, $"/usr/bin/time measured nothing: {run}");
        run.CpuSeconds.ShouldBeLessThan(MaxCpuSeconds, run.ToString());
        run.PeakRssBytes.ShouldBeLessThan(MaxPeakRssBytes, run.ToString());
    }

    [GeneratedRegex(@"\S+:\d+:\d+: ")]
    private static partial Regex Location();
}
