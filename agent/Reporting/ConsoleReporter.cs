using Provisioner.Execution;
using Provisioner.Modules;
using Provisioner.Templating;

namespace Provisioner.Reporting;

/// <summary>
/// Human output on stderr: a line per task that did something (every task at -v), stage and probe
/// outcomes, diffs with --diff, and a recap per host. Secrets are masked on the way out.
/// </summary>
public sealed class ConsoleReporter(TextWriter output, bool check, bool diff, int verbosity, SecretSet secrets) : IRunEvents
{
    private readonly Lock _gate = new();

    private void Write(string line)
    {
        lock (_gate) output.WriteLine(secrets.Mask(line));
    }

    public void HostConnected(string host, Facts facts)
    {
        if (verbosity > 0) Write($"[{host}] connected: {facts.OsPrettyName}, {facts.PackageManager}, systemd {facts.SystemdVersion}");
    }

    public void StageStarted(string host, int number, string stage) => Write($"[{host}] stage {number} {stage}");

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
        var lines = new List<string> { $"[{r.Host}]   {kind} {r.Task}: {word} ({r.Duration.TotalSeconds:0.0}s)" };
        if (r.Message is not null && r.Status != RunStatus.Skipped) lines.Add($"[{r.Host}]     {r.Message}");
        foreach (var c in r.Changes)
        {
            if (diff && c.Kind == ChangeKind.Content)
                lines.Add(c.Secret ? $"    {c.Subject}: content hidden (secret)" : Indent(UnifiedDiff.Render(c.Subject, c.Before, c.After)));
            else if (diff || verbosity > 0) lines.Add($"    {c.Summary}");
        }
        Write(string.Join('\n', lines));
    }

    public void ProbeFinished(string host, string stage, ProbeResult p) =>
        Write(p.Passed
            ? $"[{host}]   verify {p.Name}: ok ({p.Duration.TotalSeconds:0.0}s){(verbosity > 0 ? $" {p.Actual}" : "")}"
            : $"[{host}]   verify {p.Name}: FAILED after {p.Attempts} attempt(s)\n      expected: {p.Expected}\n      actual:   {p.Actual}");

    public void StageFinished(string host, StageResult s)
    {
        if (s.Status is RunStatus.Failed or RunStatus.RolledBack) Write($"[{host}] stage {s.Number} {s.Name}: {s.Status.ToString().ToLowerInvariant()}: {s.Message}");
    }

    public void Recovered(string host, string what) => Write($"[{host}] recovered: {what}");

    public void HostFinished(HostResult h)
    {
        if (h.Status == RunStatus.Unreachable) Write($"[{h.Host}] unreachable: {h.Message}");
        else if (h.Status == RunStatus.Failed && h.Stages.Count == 0) Write($"[{h.Host}] failed: {h.Message}");
    }

    public void Recap(RunResult run)
    {
        Write(check ? "DRIFT RECAP" : "RECAP");
        foreach (var h in run.Hosts)
        {
            var changed = h.Count(RunStatus.Changed);
            var verb = check ? "would change" : "changed";
            Write($"  {h.Host,-20} {h.Status.ToString().ToLowerInvariant(),-12} ok={h.Count(RunStatus.Ok)} {verb}={changed} failed={h.Count(RunStatus.Failed)} skipped={h.Count(RunStatus.Skipped)} ({h.Duration.TotalSeconds:0.0}s)");
            if (check)
                foreach (var s in h.Stages.Where(s => s.ChangedCount > 0))
                    Write($"    stage {s.Number} {s.Name}: {s.ChangedCount} task(s): {string.Join(", ", s.Tasks.Where(t => t.IsChange).Select(t => t.Task))}");
        }
        Write($"exit {run.ExitCode} ({run.Duration.TotalSeconds:0.0}s)");
    }

    private static string Indent(string text) => string.Join('\n', text.TrimEnd('\n').Split('\n').Select(l => "    " + l));
}
