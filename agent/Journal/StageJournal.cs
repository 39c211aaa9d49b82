using Provisioner.HostFacts;
using Provisioner.Transport;

namespace Provisioner.Journal;

/// <summary>
/// One stage's journal on one host (journal.sh keeps it; see there for its states). Each item is
/// recorded once, just before the first task that touches it, so what is kept is the state from
/// before the stage. Recording happens only when something is about to change: a stage with nothing
/// to do leaves no journal. Each task marks what it is about to touch; what the stage left after
/// the tasks that finished is what a later recovery compares the host with.
/// </summary>
/// <remarks>
/// A journal is identified by (run, play, stage): its directory is <c>ROOT/RUN/pPP-SS-name</c>, so two
/// plays with stages of the same number and name never share one.
/// </remarks>
public sealed class StageJournal(HostContext host, string root, string runId, JournalOf of)
{
    private readonly Dictionary<(string Kind, string Argument), string> _entries = [];
    private bool _taskOpen;
    private TaskReach _openTaskReach;
    private int _guards;

    public string Directory { get; } = $"{root}/{runId}/{of.Id}";

    /// <summary>The journal's id: its path below the journal root.</summary>
    public string Id { get; } = $"{runId}/{of.Id}";
    public bool Started { get; private set; }

    /// <summary>Seconds the host waits, after a change that can cut the controller off, before it undoes the stage by itself.</summary>
    public required int GuardSeconds { get; init; }

    /// <summary>The stage's <c>rollback: keep-packages</c>: an undo leaves what the stage installed.</summary>
    public bool KeepPackages { get; init; }

    /// <summary>
    /// Everything the whole stage will touch, as far as it can be known before anything runs; recorded
    /// with the first change, so these entries hold the state from before the stage.
    /// </summary>
    public Func<IEnumerable<JournalItem>>? Prelude { get; init; }

    /// <summary>
    /// Paths the stage's probes write into: recorded with the first change, so that what a probe wrote
    /// before the controller was killed is not taken for someone else's edit by the recovery.
    /// </summary>
    public Func<IReadOnlyList<string>>? ProbeWrites { get; init; }

    /// <summary>True from a change that can cut the controller off until <see cref="DisarmAsync"/>.</summary>
    public bool GuardArmed { get; private set; }

    private string ScriptPath => Directory + "/journal.sh";

    /// <summary>
    /// Before a task changes anything: records what it touches (and, the first time, the stage's
    /// prelude and the journal script itself), marks it as the task in progress, and arms — or
    /// extends — the guard when it can cut the controller off. One round trip. Returns an error or null.
    /// </summary>
    /// <param name="reach">How far this task's change may reach: what the next task's begin reads again.</param>
    public async Task<string?> BeginTaskAsync(IReadOnlyList<JournalItem> items, TaskReach reach, CancellationToken ct)
    {
        var lines = new List<string>();
        // The previous task finished: what it left becomes the state a recovery compares with.
        if (_taskOpen) lines.Add(Call("end", _openTaskReach == TaskReach.ItsJournalItems ? "touched" : "all"));
        IEnumerable<JournalItem> all = !Started && Prelude is not null ? [.. Prelude(), .. items] : items;
        var record = new List<string>();
        foreach (var item in all)
            if (Add(item) is { } n) record.AddRange([KindOf(item), n, item.Argument]);
        if (!Started) lines.Add(Call("label", of.Play.ToString(Inv), of.Stage.ToString(Inv), of.PlayName, of.StageName, of.Owner));
        if (!Started && ProbeWrites?.Invoke() is { Count: > 0 } written) lines.Add(Call("volatile", [.. written]));
        if (!Started || record.Count > 0) lines.Add(Call("record", [.. record]));
        foreach (var packages in items.OfType<JournalPackages>().Where(p => p.Names.Count > 0))
            lines.Add(Call("names", [_entries[Key(packages)], .. packages.Names]));
        lines.Add(Call("begin", [.. items.Select(i => _entries[Key(i)]).Distinct()]));
        var arm = items.Any(i => i.CanCutAccess);
        if (arm) lines.Add(Call("arm", $"provision-guard-{runId}-p{of.Play:00}-{of.Stage:00}-{++_guards}", GuardSeconds.ToString(Inv)));

        var text = string.Join(" &&\n", lines);
        var command = Started ? Command.Script(text) : Command.Script(
            $"umask 077 && mkdir -p {ShellQuote.Quote(Directory)} && cat > {ShellQuote.Quote(ScriptPath + ".new")} && mv -f {ShellQuote.Quote(ScriptPath + ".new")} {ShellQuote.Quote(ScriptPath)} &&\n{text}")
            with { Stdin = JournalScript.Bytes };
        var result = await host.RunAsync(command, ct).ConfigureAwait(false);
        if (result.ExitStatus == JournalScript.NotInState)
            return $"the host has already undone this stage (journal {Directory} is {result.Stdout.Trim()})";
        if (!result.Ok) return $"could not record the stage journal in {Directory}: {result.Describe()}";
        Started = true;
        _taskOpen = true;
        _openTaskReach = reach;
        GuardArmed |= arm;
        return null;
    }

    /// <summary>Stops the guard timers; returns the journal's state (open unless the host already undid the stage).</summary>
    public async Task<string> DisarmAsync(CancellationToken ct)
    {
        var result = await host.RunAsync(Command.Script(Call("disarm")), ct).ConfigureAwait(false);
        GuardArmed = false;
        return result.Ok ? result.Stdout.Trim() : $"unknown ({result.Describe()})";
    }

    /// <summary>Marks the stage verified, unless the host undid it meanwhile: null, or the state the journal is in instead.</summary>
    public async Task<string?> CommitAsync(CancellationToken ct)
    {
        var result = await host.RunAsync(Command.Script($"{Call("commit")} && {HostScript.Call(ScriptPath, "prune", root)}") with { FaultMark = "commit" }, ct).ConfigureAwait(false);
        if (result.Ok) return null;
        return result.ExitStatus == JournalScript.NotInState ? result.Stdout.Trim() : $"unknown ({result.Describe()})";
    }

    /// <summary>The journal's state file: open, committed, restoring, rolled-back or discarded.</summary>
    public async Task<string> StateAsync(CancellationToken ct) =>
        (await host.RunAsync(Command.Read("cat", Directory + "/state"), ct).ConfigureAwait(false)).Stdout.Trim();

    public Task<RestoreOutcome> RollbackAsync(CancellationToken ct) => JournalScript.RestoreAsync(host, Directory, RestoreMode.Rollback, ct);

    public static string NewRunId() => $"{DateTime.UtcNow:yyyyMMdd'T'HHmmss'Z'}-{Guid.NewGuid().ToString("N")[..6]}";

    private string Call(string op, params string[] args) => HostScript.Call(ScriptPath, [op, Directory, .. args]);

    /// <summary>Numbers a new entry; null when it is recorded already.</summary>
    private string? Add(JournalItem item)
    {
        if (_entries.ContainsKey(Key(item))) return null;
        var n = (_entries.Count + 1).ToString("0000", System.Globalization.CultureInfo.InvariantCulture);
        _entries[Key(item)] = n;
        return n;
    }

    private (string, string) Key(JournalItem item) => (KindOf(item), item.Argument);

    private string KindOf(JournalItem item) => item is JournalPackages && KeepPackages ? "packages-keep" : item.Kind;

    private static readonly System.Globalization.CultureInfo Inv = System.Globalization.CultureInfo.InvariantCulture;
}

/// <summary>What a stage journal is of: the play (its number in the playbook and its name), the stage, and the run lock's owner.</summary>
public sealed record JournalOf(int Play, int Stage, string PlayName, string StageName, string Owner)
{
    /// <summary>The journal's directory below the run: pPP-SS-name.</summary>
    public string Id => $"p{Play:00}-{Stage:00}-{Safe(StageName)}";

    private static string Safe(string name) => new(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
}
