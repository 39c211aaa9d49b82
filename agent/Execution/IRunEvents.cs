using Provisioner.HostFacts;

namespace Provisioner.Execution;

/// <summary>What the engine tells the reporters as it goes (progress lines, logs). Called from host tasks in parallel.</summary>
public interface IRunEvents
{
    void HostStarted(string host) { }
    void HostConnected(string host, Facts facts) { }
    void StageStarted(string host, int number, string stage) { }
    /// <summary>A task (its number in the stage) or a notified handler starts: the live progress line shows it.</summary>
    void TaskStarted(string host, int index, string task, bool handler) { }
    void TaskFinished(TaskResult result) { }
    /// <summary>The stage's probes start.</summary>
    void VerifyStarted(string host, int stage) { }
    void ProbeFinished(string host, string stage, ProbeResult probe) { }
    void StageFinished(string host, StageResult stage) { }
    void HostFinished(HostResult host) { }
    void Recovered(string host, string what) { }
    /// <summary>Something the operator should know while the run goes on (waiting for a lock, say).</summary>
    void Notice(string host, string what) { }
    /// <summary>A phase measured (for --timings); probes are measured by their result's duration.</summary>
    void Timed(Timing timing) { }
}

public sealed class NoEvents : IRunEvents
{
    public static readonly NoEvents Instance = new();
}
