namespace Provisioner.Execution;

/// <summary>Where a host's run spends its time, one phase at a time.</summary>
public enum TimingPhase { Connect, Facts, Read, Plan, Apply, Probe }

/// <summary>One measured phase: the connection, the facts read, a task's read/plan/apply (with its module), a probe.</summary>
public sealed record Timing(string Host, TimingPhase Phase, string What, TimeSpan Elapsed, string Module = "");
