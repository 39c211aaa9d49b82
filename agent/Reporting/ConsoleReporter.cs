using Provisioner.Execution;
using Provisioner.HostFacts;
using Provisioner.Modules;
using Provisioner.Templating;

namespace Provisioner.Reporting;

/// <summary>
/// Human output on stderr: a line per task that did something (every task at -v), stage and probe
/// outcomes, diffs with --diff, and a recap per host. Secrets are masked on the way out. With a
/// terminal <see cref="ConsoleStyle"/>, outcomes are coloured and each running host has a live
/// progress line at the bottom, erased before every permanent line and redrawn after it.
/// </summary>
public sealed class ConsoleReporter(TextWriter output, bool check, bool diff, int verbosity, SecretSet secrets, ConsoleStyle? style = null, int stageCount = 0) : IRunEvents
{
    private readonly Lock _gate = new();
    private readonly ConsoleStyle _style = style ?? ConsoleStyle.Plain;
    private readonly LiveLines _live = new(output, secrets, (style ?? ConsoleStyle.Plain).Width);

    /// <summary>Writes permanent lines (each masked, its control characters escaped, then coloured) under the gate, with the live block out of the way.</summary>
    private void Write(params (string Text, Paint Paint)[] lines)
    {
        lock (_gate)
        {
            _live.Erase();
            foreach (var (text, paint) in lines)
            {
                var shown = Printable.Shown(secrets, text);
                output.WriteLine(_style.Color ? Colors.Apply(paint, shown) : shown);
            }
            _live.Draw();
        }
    }

    private void Write(string line) => Write((line, Paint.None));

    /// <summary>Sets (or, with null, removes) a host's live line; nothing at all unless the style is live.</summary>
    private void Progress(string host, Func<HostProgress?, HostProgress?> change)
    {
        if (!_style.Live) return;
        lock (_gate)
        {
            _live.Erase();
            _live.Set(host, change(_live.Get(host)));
            _live.Draw();
        }
    }

    /// <summary>
    /// The N of "stage 3/N" in the live line: stages are numbered per play, so a count only when every
    /// play has the same number of stages (0: none shown).
    /// </summary>
    public static int StageCount(Playbooks.Playbook playbook) =>
        playbook.Plays.Select(p => p.Stages.Count).Distinct().ToList() is [var n] ? n : 0;

    /// <summary>A line from outside the engine (the stop message on Ctrl-C), written like any permanent line.</summary>
    public void Notice(string line) => Write(line);

    public void HostStarted(string host) => Progress(host, _ => new HostProgress(host, "connecting", null));

    public void HostConnected(string host, Facts facts)
    {
        if (verbosity > 0) Write($"[{host}] connected: {facts.OsPrettyName}, {facts.PackageManager}, systemd {facts.SystemdVersion}");
        // Not only at -v: a lock-out check that cannot run must not pass unnoticed.
        if (facts.Access?.Unchecked is { } why) Write($"[{host}] note: {why}");
    }

    public void StageStarted(string host, int number, string stage)
    {
        Write(($"[{host}] stage {number} {stage}", Paint.Bold));
        var of = stageCount > 0 ? $"/{stageCount}" : "";
        Progress(host, _ => new HostProgress(host, $"stage {number}{of} {stage}", null));
    }

    public void TaskStarted(string host, int index, string task, bool handler) =>
        Progress(host, p => p is null ? null : p with { Step = handler ? $"handler \"{task}\"" : $"task {index} \"{task}\"" });

    public void VerifyStarted(string host, int stage) => Progress(host, p => p is null ? null : p with { Step = "verifying" });

    public void TaskFinished(TaskResult r)
    {
        if (r.Status is RunStatus.Ok or RunStatus.Skipped && verbosity == 0) return;
        var word = r.Status switch
        {
            RunStatus.Changed when check => r.Assumes is null ? "would change" : $"would change (assumes: {r.Assumes})",
            RunStatus.Changed => "changed",
            _ => r.Status.ToString().ToLowerInvariant(),
        };
        var kind = r.Handler ? "handler" : "task";
        var lines = new List<(string, Paint)> { ($"[{r.Host}]   {kind} {r.Task}: {word} ({r.Duration.TotalSeconds:0.0}s)", Colors.Of(r.Status)) };
        if (r.Status == RunStatus.Changed && r.Irreversible is not null) lines.Add(($"[{r.Host}]     cannot be undone: {r.Irreversible}", Paint.Yellow));
        if (r.Message is not null && r.Status != RunStatus.Skipped) lines.Add(($"[{r.Host}]     {r.Message}", Paint.None));
        foreach (var c in r.Changes)
        {
            if (diff && c.Kind == ChangeKind.Content)
                lines.Add((c.Secret ? $"    {c.Subject}: content hidden (secret)" : Indent(UnifiedDiff.Render(c.Subject, c.Before, c.After)), Paint.None));
            else if (diff || verbosity > 0 || c.Notice) lines.Add(($"    {c.Summary}", Paint.None));
        }
        Write([.. lines]);
    }

    public void ProbeFinished(string host, string stage, ProbeResult p)
    {
        if (p.Passed) Write(($"[{host}]   verify {p.Name}: ok ({p.Duration.TotalSeconds:0.0}s){(verbosity > 0 ? $" {p.Actual}" : "")}", Paint.Green));
        else Write(($"[{host}]   verify {p.Name}: FAILED after {p.Attempts} attempt(s)", Paint.Red), ($"      expected: {p.Expected}", Paint.None), ($"      actual:   {p.Actual}", Paint.None));
    }

    public void StageFinished(string host, StageResult s)
    {
        if (s.Status is RunStatus.Failed or RunStatus.RolledBack) Write(($"[{host}] stage {s.Number} {s.Name}: {s.Status.ToString().ToLowerInvariant()}: {s.Message}", Paint.Red));
    }

    public void Recovered(string host, string what) => Write(($"[{host}] recovered: {what}", Paint.Yellow));

    public void Notice(string host, string what) => Write(($"[{host}] {what}", Paint.Yellow));

    public void HostFinished(HostResult h)
    {
        Progress(h.Host, _ => null);
        if (h.Status == RunStatus.Unreachable) Write(($"[{h.Host}] unreachable: {h.Message}", Paint.Red));
        else if (h.Status == RunStatus.Failed && h.Stages.Count == 0) Write(($"[{h.Host}] failed: {h.Message}", Paint.Red));
    }

    public void Recap(RunResult run)
    {
        // The run is over: whatever is still live (a host that never reported its end) goes for good.
        lock (_gate) _live.Clear();
        Write((check ? "DRIFT RECAP" : "RECAP", Paint.Bold));
        foreach (var h in run.Hosts)
        {
            var changed = h.Count(RunStatus.Changed);
            var verb = check ? "would change" : "changed";
            Write(($"  {h.Host,-20} {h.Status.ToString().ToLowerInvariant(),-12} ok={h.Count(RunStatus.Ok)} {verb}={changed} failed={h.Count(RunStatus.Failed)} skipped={h.Count(RunStatus.Skipped)} ({h.Duration.TotalSeconds:0.0}s)", Colors.Of(h.Status)));
            if (check)
                foreach (var s in h.Stages.Where(s => s.ChangedCount > 0))
                    Write($"    stage {s.Number} {s.Name}: {s.ChangedCount} task(s): {string.Join(", ", s.Tasks.Where(t => t.IsChange).Select(t => t.Task))}");
        }
        Write($"exit {run.ExitCode} ({run.Duration.TotalSeconds:0.0}s)");
    }

    private static string Indent(string text) => string.Join('\n', text.TrimEnd('\n').Split('\n').Select(l => "    " + l));
}
