using Provisioner.Execution;
using Provisioner.Reporting;
using Provisioner.Templating;
using Provisioner.Tests.Execution;

namespace Provisioner.Tests.Reporting;

/// <summary>--timings: what the engine measures per host and how it is printed and reported.</summary>
public sealed class TimingsReportTests : IDisposable
{
    private readonly LocalRun _run = new();

    public void Dispose() => _run.Dispose();

    private const string OneFile = """
        - name: one file
          hosts: all
          stages:
            - name: files
              tasks:
                - name: the file
                  copy: { dest: ROOT/a.conf, content: "a\n" }
              verify:
                - name: it is there
                  command: { cmd: "test -f ROOT/a.conf" }
        """;

    private static IEnumerable<(TimingPhase, string)> Phases(TimingsReport t) => t.Timings.Select(x => (x.Phase, x.What));

    [Fact]
    public async Task Connect_facts_and_each_tasks_read_plan_apply_and_probes_are_measured()
    {
        var first = new TimingsReport();
        await _run.RunAsync(OneFile, events: first);
        Phases(first).ShouldBe([
            (TimingPhase.Connect, "ssh"), (TimingPhase.Facts, "facts"),
            (TimingPhase.Read, "the file"), (TimingPhase.Plan, "the file"), (TimingPhase.Apply, "the file"),
            (TimingPhase.Probe, "files: it is there")]);

        // Converged: nothing to apply, and a no-op apply runs no probes.
        var again = new TimingsReport();
        await _run.RunAsync(OneFile, events: again);
        Phases(again).ShouldBe([(TimingPhase.Connect, "ssh"), (TimingPhase.Facts, "facts"), (TimingPhase.Read, "the file"), (TimingPhase.Plan, "the file")]);
    }

    [Fact]
    public void The_printout_sums_per_host_and_per_task_and_masks_secrets()
    {
        var t = new TimingsReport();
        t.Timed(new Timing("h1", TimingPhase.Connect, "ssh", TimeSpan.FromMilliseconds(440)));
        t.Timed(new Timing("h1", TimingPhase.Read, "loop task", TimeSpan.FromMilliseconds(20), "copy"));
        t.Timed(new Timing("h1", TimingPhase.Read, "loop task", TimeSpan.FromMilliseconds(30), "copy"));
        t.Timed(new Timing("h1", TimingPhase.Read, "with s3cret", TimeSpan.FromMilliseconds(5)));
        t.ProbeFinished("h1", "smtp", new ProbeResult("banner", true, "e", "a", 1, TimeSpan.FromMilliseconds(250)));
        var secrets = new SecretSet();
        secrets.Add("s3cret");

        var text = t.Render(secrets);
        text.ShouldStartWith("timings h1: connect 0.440 s, facts 0.000 s, reads 0.055 s, plans 0.000 s, applies 0.000 s, probes 0.250 s");
        text.ShouldContain("  read   0.050  plan  0.000  apply   0.000  [copy] loop task\n");
        text.ShouldContain("  probe   0.250  smtp: banner\n");
        text.ShouldNotContain("s3cret");
    }
}
