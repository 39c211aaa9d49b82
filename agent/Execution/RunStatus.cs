namespace Provisioner.Execution;

/// <summary>How one task, stage or host ended. Ordered so that the worst outcome has the highest value.</summary>
public enum RunStatus { Skipped, Ok, Changed, RolledBack, Failed, Unreachable }
