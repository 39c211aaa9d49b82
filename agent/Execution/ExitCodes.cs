namespace Provisioner.Execution;

/// <summary>
/// The documented exit codes. When hosts end differently, the most serious wins:
/// failure (1) over unreachable (3) over changes/drift (2) over nothing to do (0).
/// Invalid input (4) is decided before any connection.
/// </summary>
public static class ExitCodes
{
    public const int NoChanges = 0;
    public const int Failed = 1;
    public const int Changed = 2;
    public const int Unreachable = 3;
    public const int InvalidInput = 4;

    public const string Help =
        "Exit codes: 0 nothing to change / nothing changed · 2 changes applied (apply) or drift found (check) · " +
        "1 a task or probe failed (stage rolled back), or the run was stopped (Ctrl-C) · 3 a host was unreachable or refused auth · " +
        "4 invalid input (playbook, inventory, vars, template), reported before any connection.";

    /// <summary>The more serious of two exit codes, in the documented order 1 > 3 > 2 > 0 (4 above all).</summary>
    public static int Worst(int a, int b) => Rank(a) >= Rank(b) ? a : b;

    private static int Rank(int code) => code switch { InvalidInput => 4, Failed => 3, Unreachable => 2, Changed => 1, _ => 0 };

    public static int For(RunResult run) => run.Hosts.Select(h => h.Status switch
    {
        RunStatus.Failed or RunStatus.RolledBack => Failed,
        RunStatus.Unreachable => Unreachable,
        RunStatus.Changed => Changed,
        _ => NoChanges,
    }).Aggregate(NoChanges, Worst);
}
