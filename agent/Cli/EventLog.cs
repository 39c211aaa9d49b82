using Provisioner.Execution;
using Provisioner.HostFacts;
using Serilog;

namespace Provisioner.Cli;

/// <summary>Writes engine events to the operator log with message templates (never interpolation).</summary>
public sealed class EventLog(ILogger log) : IRunEvents
{
    public void HostConnected(string host, Facts facts) =>
        log.Information("Connected to {Host}: {Os} {PackageManager} systemd {Systemd}", host, facts.OsPrettyName, facts.PackageManager, facts.SystemdVersion);

    public void TaskFinished(TaskResult r) =>
        log.Information("{Host} {Stage} task {Task} ({Module}) {Status} in {Seconds:0.000}s {Message} {Changes}",
            r.Host, r.Stage, r.Task, r.Module, r.Status, r.Duration.TotalSeconds, r.Message, r.Changes.Select(c => c.Summary).ToArray());

    public void ProbeFinished(string host, string stage, ProbeResult p) =>
        log.Information("{Host} {Stage} probe {Probe} passed={Passed} expected={Expected} actual={Actual} attempts={Attempts}",
            host, stage, p.Name, p.Passed, p.Expected, p.Actual, p.Attempts);

    public void StageFinished(string host, StageResult s) =>
        log.Information("{Host} stage {Number} {Stage} {Status} {Message}", host, s.Number, s.Name, s.Status, s.Message);

    public void Recovered(string host, string what) => log.Warning("{Host} recovered: {What}", host, what);

    public void Notice(string host, string what) => log.Warning("{Host} {What}", host, what);

    public void HostFinished(HostResult h) =>
        log.Information("{Host} finished {Status} in {Seconds:0.000}s {Message}", h.Host, h.Status, h.Duration.TotalSeconds, h.Message);
}

/// <summary>Fans events out to several listeners (console reporter and operator log).</summary>
public sealed class CompositeEvents(params IRunEvents[] targets) : IRunEvents
{
    public void HostStarted(string host) { foreach (var t in targets) t.HostStarted(host); }
    public void HostConnected(string host, Facts facts) { foreach (var t in targets) t.HostConnected(host, facts); }
    public void StageStarted(string host, int number, string stage) { foreach (var t in targets) t.StageStarted(host, number, stage); }
    public void TaskStarted(string host, int index, string task, bool handler) { foreach (var t in targets) t.TaskStarted(host, index, task, handler); }
    public void TaskFinished(TaskResult result) { foreach (var t in targets) t.TaskFinished(result); }
    public void VerifyStarted(string host, int stage) { foreach (var t in targets) t.VerifyStarted(host, stage); }
    public void ProbeFinished(string host, string stage, ProbeResult probe) { foreach (var t in targets) t.ProbeFinished(host, stage, probe); }
    public void StageFinished(string host, StageResult stage) { foreach (var t in targets) t.StageFinished(host, stage); }
    public void HostFinished(HostResult host) { foreach (var t in targets) t.HostFinished(host); }
    public void Recovered(string host, string what) { foreach (var t in targets) t.Recovered(host, what); }
    public void Notice(string host, string what) { foreach (var t in targets) t.Notice(host, what); }
    public void Timed(Timing timing) { foreach (var t in targets) t.Timed(timing); }
}
