using Provisioner.Execution;
using Provisioner.Reporting;
using Provisioner.Templating;
using Pb = global::Provisioner.Playbooks;

namespace Provisioner.Tests.Reporting;

/// <summary>
/// Issue 16: colour and a live per-host progress line on a terminal, today's plain lines anywhere else.
/// The reporter is driven with a StringWriter and an explicit style, never the real console.
/// </summary>
public sealed class ConsoleReporterTests
{
    private const string Esc = "\x1b";
    private const string Erase = "\r\x1b[2K";
    private const string Red = "\x1b[31m";
    private const string Green = "\x1b[32m";
    private const string Reset = "\x1b[0m";

    private static readonly ConsoleStyle Terminal = new(Color: true, Live: true, Width: 80);

    private static TaskResult Task(string host, string name, RunStatus status, string? message = null) =>
        new(host, "smtp", name, status, [], message, TimeSpan.FromSeconds(1.5));

    /// <summary>One host through a stage: a task that changes, one that fails, the stage rolled back, the recap.</summary>
    private static string Drive(ConsoleStyle style, SecretSet? secrets = null, int verbosity = 0)
    {
        var output = new StringWriter();
        var reporter = new ConsoleReporter(output, check: false, diff: false, verbosity, secrets ?? new SecretSet(), style, stageCount: 8);
        reporter.HostStarted("web1");
        reporter.StageStarted("web1", 3, "pop3s");
        reporter.TaskStarted("web1", 1, "certbot installed", handler: false);
        var changed = Task("web1", "certbot installed", RunStatus.Changed);
        reporter.TaskFinished(changed);
        reporter.TaskStarted("web1", 2, "certificate valid", handler: false);
        var failed = Task("web1", "certificate valid", RunStatus.Failed, "exit 1: no certificate");
        reporter.TaskFinished(failed);
        var stage = new StageResult("pop3s", 3, RunStatus.RolledBack, [changed, failed], [], "task 'certificate valid' failed");
        reporter.StageFinished("web1", stage);
        var host = new HostResult("web1", RunStatus.RolledBack, [stage], null, TimeSpan.FromSeconds(3));
        reporter.HostFinished(host);
        reporter.Recap(new RunResult(false, [host], TimeSpan.FromSeconds(3)));
        return output.ToString();
    }

    [Fact]
    public void Plain_output_is_todays_lines_with_no_escape_codes_and_no_carriage_returns()
    {
        var text = Drive(ConsoleStyle.Plain);

        text.ShouldNotContain(Esc);
        text.ShouldNotContain("\r");
        text.ShouldBe("""
            [web1] stage 3 pop3s
            [web1]   task certbot installed: changed (1.5s)
            [web1]   task certificate valid: failed (1.5s)
            [web1]     exit 1: no certificate
            [web1] stage 3 pop3s: rolledback: task 'certificate valid' failed
            RECAP
              web1                 rolledback   ok=0 changed=1 failed=1 skipped=0 (3.0s)
            exit 1 (3.0s)

            """);
    }

    [Fact]
    public void Colour_makes_a_failed_task_line_red_and_a_changed_one_yellow()
    {
        var text = Drive(new ConsoleStyle(Color: true, Live: false, Width: 80));

        text.ShouldContain($"{Red}[web1]   task certificate valid: failed (1.5s){Reset}\n");
        text.ShouldContain("\x1b[33m[web1]   task certbot installed: changed (1.5s)" + Reset);
        text.ShouldContain($"{Red}[web1] stage 3 pop3s: rolledback: task 'certificate valid' failed{Reset}");
        text.ShouldNotContain("\r");
    }

    [Fact]
    public void Colour_makes_a_passed_probe_green_and_a_failed_one_red()
    {
        var output = new StringWriter();
        var reporter = new ConsoleReporter(output, false, false, 0, new SecretSet(), new ConsoleStyle(true, false, 80));
        reporter.ProbeFinished("web1", "smtp", new ProbeResult("banner", true, "ESMTP", "ESMTP", 1, TimeSpan.FromSeconds(0.2)));
        reporter.ProbeFinished("web1", "smtp", new ProbeResult("relay", false, "refused", "accepted", 3, TimeSpan.FromSeconds(0.2)));

        output.ToString().ShouldBe(
            $"{Green}[web1]   verify banner: ok (0.2s){Reset}\n" +
            $"{Red}[web1]   verify relay: FAILED after 3 attempt(s){Reset}\n      expected: refused\n      actual:   accepted\n");
    }

    [Fact]
    public void The_progress_line_shows_the_host_stage_and_task_and_is_redrawn_in_place()
    {
        var output = new StringWriter();
        var reporter = new ConsoleReporter(output, false, false, 0, new SecretSet(), Terminal, stageCount: 8);
        reporter.HostStarted("web1");
        reporter.StageStarted("web1", 3, "pop3s");
        reporter.TaskStarted("web1", 4, "certbot installed", handler: false);

        output.ToString().ShouldEndWith($"{Erase}web1  stage 3/8 pop3s · task 4 \"certbot installed\"");
    }

    [Fact]
    public void Without_a_stage_count_the_progress_line_shows_the_stage_number_alone()
    {
        var output = new StringWriter();
        var reporter = new ConsoleReporter(output, false, false, 0, new SecretSet(), Terminal);
        reporter.StageStarted("web1", 3, "pop3s");
        reporter.VerifyStarted("web1", 3);

        output.ToString().ShouldEndWith($"{Erase}web1  stage 3 pop3s · verifying");
    }

    [Fact]
    public void The_stage_count_is_shown_only_when_every_play_has_as_many_stages()
    {
        static Pb.Play Play(int stages) => new("p", "all", [], null!, Enumerable.Range(1, stages)
            .Select(n => new Pb.Stage($"s{n}", n, [], [], [], Pb.RollbackPackages.Remove, default!)).ToList(), null, default!);

        ConsoleReporter.StageCount(new Pb.Playbook("site.yml", ".", [Play(8)])).ShouldBe(8);
        ConsoleReporter.StageCount(new Pb.Playbook("site.yml", ".", [Play(2), Play(2)])).ShouldBe(2);
        ConsoleReporter.StageCount(new Pb.Playbook("site.yml", ".", [Play(8), Play(2)])).ShouldBe(0);
    }

    [Fact]
    public void The_progress_line_is_erased_before_every_permanent_line_and_at_the_end()
    {
        var text = Drive(Terminal);

        // Every permanent line starts on a cleared line (then, maybe, its colour): what was live is gone.
        foreach (var line in new[] { "[web1] stage 3 pop3s", "[web1]   task certbot installed: changed", "[web1]   task certificate valid: failed", "RECAP" })
        {
            var at = text.IndexOf(line, StringComparison.Ordinal);
            at.ShouldBeGreaterThan(0, line);
            System.Text.RegularExpressions.Regex.IsMatch(text[..at], @"\r\x1b\[2K(\x1b\[[0-9]+m)?$").ShouldBeTrue(line);
        }
        // The live line was there before the task lines, and nothing is live after the host finished.
        text.ShouldContain("web1  stage 3/8 pop3s · task 2 \"certificate valid\"");
        text.ShouldEndWith("exit 1 (3.0s)\n");
        text[text.LastIndexOf(Erase, StringComparison.Ordinal)..].ShouldNotContain("web1  stage");
    }

    [Fact]
    public void A_notice_from_outside_the_engine_is_written_on_a_cleared_line_and_the_live_line_comes_back()
    {
        var output = new StringWriter();
        var reporter = new ConsoleReporter(output, false, false, 0, new SecretSet(), Terminal, stageCount: 8);
        reporter.StageStarted("web1", 3, "pop3s");
        var before = output.ToString().Length;

        reporter.Notice("provision: stopping");

        output.ToString()[before..].ShouldBe($"{Erase}provision: stopping\nweb1  stage 3/8 pop3s");
    }

    [Fact]
    public void Each_running_host_keeps_its_own_line_and_a_finished_host_leaves_the_block()
    {
        var output = new StringWriter();
        var reporter = new ConsoleReporter(output, false, false, 0, new SecretSet(), Terminal, stageCount: 2);
        reporter.HostStarted("web1");
        reporter.HostStarted("web2");
        reporter.StageStarted("web2", 1, "base");
        var beforeFinish = output.ToString().Length;
        reporter.HostFinished(new HostResult("web1", RunStatus.Ok, [], null, TimeSpan.Zero));

        var text = output.ToString();
        text[..beforeFinish].ShouldEndWith($"web1  connecting\nweb2  stage 1/2 base");
        // The two-line block is erased (this line, then the one above) and web2's line drawn alone.
        text[beforeFinish..].ShouldBe($"{Erase}\x1b[1A\x1b[2Kweb2  stage 1/2 base");
    }

    [Fact]
    public void A_progress_line_longer_than_the_terminal_is_cut_so_it_never_wraps()
    {
        var output = new StringWriter();
        var reporter = new ConsoleReporter(output, false, false, 0, new SecretSet(), Terminal with { Width = 30 }, stageCount: 8);
        reporter.StageStarted("web1", 3, "a-stage-with-a-very-long-name-indeed");

        var text = output.ToString();
        var live = text[(text.LastIndexOf('\n') + 1)..];
        live.Length.ShouldBe(29);
        live.ShouldEndWith("…");
    }

    [Fact]
    public void Secrets_stay_masked_in_coloured_lines_and_in_the_progress_line()
    {
        var secrets = new SecretSet();
        secrets.Add("hunter22");
        var output = new StringWriter();
        var reporter = new ConsoleReporter(output, false, false, 0, secrets, Terminal, stageCount: 1);
        reporter.StageStarted("web1", 1, "base");
        reporter.TaskStarted("web1", 1, "set hunter22", handler: false);
        reporter.TaskFinished(Task("web1", "set hunter22", RunStatus.Failed, "exit 1: hunter22"));

        var text = output.ToString();
        text.ShouldNotContain("hunter22");
        text.ShouldContain($"web1  stage 1/1 base · task 1 \"set {SecretSet.Placeholder}\"");
        text.ShouldContain($"{Red}[web1]   task set {SecretSet.Placeholder}: failed (1.5s){Reset}");
    }

    /// <summary>Issue 24: a host or task name from the inventory or playbook could retitle or clear the operator's terminal.</summary>
    [Fact]
    public void Control_characters_in_names_are_escaped_in_the_live_line_and_in_permanent_lines()
    {
        var output = new StringWriter();
        var reporter = new ConsoleReporter(output, false, false, 1, new SecretSet(), Terminal, stageCount: 8);
        reporter.HostStarted("evil\a");
        reporter.StageStarted("evil\a", 3, "pop3s");
        reporter.TaskStarted("evil\a", 1, "motd\x1b]0;pwned\a", handler: false);
        output.ToString().ShouldEndWith($"{Erase}evil\\x07  stage 3/8 pop3s · task 1 \"motd\\x1B]0;pwned\\x07\"");
        reporter.TaskFinished(Task("evil\a", "motd\x1b[2J", RunStatus.Changed));
        output.ToString().ShouldContain("[evil\\x07]   task motd\\x1B[2J: changed (1.5s)");
        output.ToString().Replace(Erase, "").Replace(Reset, "").Replace("\x1b[33m", "").Replace("\x1b[1m", "").ShouldNotContain("\x1b");
    }

    [Fact]
    public void Writes_from_many_hosts_at_once_never_interleave()
    {
        var output = new StringWriter();
        var reporter = new ConsoleReporter(output, false, false, 1, new SecretSet(), Terminal, stageCount: 1);
        Parallel.For(0, 8, h =>
        {
            var host = $"h{h}";
            reporter.HostStarted(host);
            for (var i = 0; i < 50; i++)
            {
                reporter.TaskStarted(host, i, $"t{i}", handler: false);
                reporter.TaskFinished(Task(host, $"t{i}", RunStatus.Ok));
            }
            reporter.HostFinished(new HostResult(host, RunStatus.Ok, [], null, TimeSpan.Zero));
        });

        // Without the gate, a permanent line lands inside another or inside the live block.
        var permanent = output.ToString().Split('\n').Where(l => l.Contains("task t", StringComparison.Ordinal) && l.Contains(": ok", StringComparison.Ordinal)).ToList();
        permanent.Count.ShouldBe(400);
        permanent.ShouldAllBe(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"(^|\x1b\[2K)\x1b\[32m\[h[0-7]\]   task t[0-9]+: ok \(1\.5s\)\x1b\[0m$"));
    }
}
