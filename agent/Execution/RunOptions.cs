namespace Provisioner.Execution;

/// <summary>What the user asked for on the command line, after parsing.</summary>
public sealed record RunOptions
{
    public bool Check { get; init; }
    public bool Diff { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public IReadOnlyList<string> SkipTags { get; init; } = [];
    public StageSelection Stages { get; init; } = StageSelection.All;
    public string? Limit { get; init; }
    public int Forks { get; init; } = 5;
    public bool AcceptNewHostKeys { get; init; }
    public bool NoRollback { get; init; }
    public bool SkipVerify { get; init; }
    /// <summary>Run every stage's probes, also for stages that changed nothing (a health check).</summary>
    public bool VerifyAll { get; init; }
    /// <summary>Only run the probes of the selected stages; no task reads or changes anything.</summary>
    public bool VerifyOnly { get; init; }
    /// <summary>How long the host waits, after a firewall change, for the controller to log in again before it undoes the stage.</summary>
    public int FirewallGuardSeconds { get; init; } = 90;
    /// <summary>
    /// Recovery closes the journals an interrupted run left open without undoing them: the host is
    /// kept as it is (after a person checked it).
    /// </summary>
    public bool DiscardJournal { get; init; }
    /// <summary>Where stage journals live on the hosts.</summary>
    public string JournalRoot { get; init; } = Journal.JournalScript.DefaultRoot;
    /// <summary>
    /// Cancelled when the user asks the run to stop (Ctrl-C). Not a cancellation of what is running:
    /// the step in progress finishes, then its stage is rolled back and no new stage starts.
    /// </summary>
    public CancellationToken Stop { get; init; }

    /// <summary>The tasks --start-at-task passes over (compared by reference: two tasks may read alike).</summary>
    public IReadOnlySet<Playbooks.TaskSpec> Before { get; init; } = new HashSet<Playbooks.TaskSpec>();

    /// <summary>--step: asked before each task of a host (host, task); false skips the task.</summary>
    public Func<string, Playbooks.TaskSpec, bool>? Step { get; init; }

    /// <summary>Whether --tags, --skip-tags and --start-at-task let the task run, special tags included (<see cref="TagSelection"/>).</summary>
    public bool Selects(Playbooks.TaskSpec task) => !Before.Contains(task) && TagSelection.Runs(task.Tags, Tags, SkipTags);

    /// <summary>Whether the task runs now: selected, and with --step confirmed for this host.</summary>
    public bool Confirms(string host, Playbooks.TaskSpec task) => Step is null || Step(host, task);
}
