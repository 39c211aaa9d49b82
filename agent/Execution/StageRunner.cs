using Provisioner.HostFacts;
using Provisioner.Journal;
using Provisioner.Playbooks;

namespace Provisioner.Execution;

/// <summary>
/// Runs one stage on one host: its tasks in order, then the handlers they notified (once each, in
/// definition order), then — when applying — its verification probes.
/// </summary>
public sealed class StageRunner(HostSession session, ProbeRunner probes)
{
    /// <summary>
    /// Runs the stage inside a journal: when a task, handler or probe fails after something changed —
    /// or anything at all goes wrong, a bug included — the host is put back as it was before the stage
    /// and the previous stage's probes prove it.
    /// </summary>
    public async Task<StageResult> RunAsync(Stage stage, Stage? previous, CancellationToken ct)
    {
        session.Events.StageStarted(session.Name, stage.Number, stage.Name);
        var options = session.Options;
        var journaled = !options.Check && !options.VerifyOnly;
        session.Journal = journaled
            ? new StageJournal(new HostContext(session.Remote, session.Facts, true), options.JournalRoot, session.RunId,
                new JournalOf(session.Play.Number, stage.Number, session.Play.Name, stage.Name, session.LockOwner))
            {
                GuardSeconds = options.FirewallGuardSeconds,
                KeepPackages = stage.RollbackPackages == RollbackPackages.Keep,
                Prelude = () => StagePaths.Known(session, stage),
                ProbeWrites = () => options.SkipVerify ? [] : probes.Writes(session, stage),
            }
            : null;
        var results = new List<TaskResult>();
        StageResult result;
        try
        {
            result = await RunCoreAsync(stage, results, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Whatever went wrong, the stage must not stay half-applied: it fails, and is rolled back like any failure.
            result = Finish(stage, results, [], RunStatus.Failed, $"internal error: {ex.GetType().Name}: {ex.Message}");
        }
        var journal = session.Journal;
        session.Journal = null;
        if (journal is { Started: true })
        {
            if (session.Remote.LockLost is { } lost) result = LockLost(stage, journal, result, lost);
            else if (result.Status != RunStatus.Failed) result = await CommitAsync(stage, journal, result, ct).ConfigureAwait(false);
            else if (!options.NoRollback) result = await RollBackAsync(journal, result, previous, ct).ConfigureAwait(false);
            else result = result with { Message = $"{result.Message} (left as it is: --no-rollback; undo later with provision rollback {session.PlaybookFile} --journal {journal.Id})" };
        }
        session.Events.StageFinished(session.Name, result);
        return result;
    }

    /// <summary>
    /// Another run took the host's lock while this one was reconnecting: this run neither commits nor
    /// undoes anything more. The stage's journal stays open; the run that holds the lock recovers it.
    /// </summary>
    private StageResult LockLost(Stage stage, StageJournal journal, StageResult result, string lost) => result with
    {
        Status = RunStatus.Failed,
        Message = session.Vars.Secrets.Mask($"stage {stage.Number} stopped before its next change: {lost}. Its journal {journal.Id} stays open " +
            "for the run that holds the lock now, whose recovery undoes the stage (or stops, if the host changed since)"),
    };

    /// <summary>A stage the host undid by itself (its guard timer fired) is reported as undone, never as changed.</summary>
    private async Task<StageResult> CommitAsync(Stage stage, StageJournal journal, StageResult done, CancellationToken ct)
    {
        if (await journal.CommitAsync(ct).ConfigureAwait(false) is not { } state) return done;
        if (session.Remote.LockLost is { } lost) return LockLost(stage, journal, done, lost);
        return done with
        {
            Status = RunStatus.RolledBack,
            Message = $"the host undid this stage by itself before it could be committed (journal {journal.Directory} is {state}): its firewall guard timer fired; apply again to redo it",
        };
    }

    private async Task<StageResult> RollBackAsync(StageJournal journal, StageResult failed, Stage? previous, CancellationToken ct)
    {
        var restore = await journal.RollbackAsync(ct).ConfigureAwait(false);
        if (restore.Verdict == RestoreVerdict.NotInState)
            return failed with { Status = RunStatus.RolledBack, Message = session.Vars.Secrets.Mask($"{failed.Message}; the host had already undone the stage (journal {restore.Detail})") };
        if (!restore.Ok)
            return failed with
            {
                Message = session.Vars.Secrets.Mask($"{failed.Message}; ROLLBACK INCOMPLETE — not put back: {string.Join("; ", restore.NotUndone.DefaultIfEmpty(restore.Detail))}; " +
                    $"put back: {restore.Listing}. Fix the cause, then finish the undo: provision rollback {session.PlaybookFile} --journal {journal.Id}"),
            };
        await session.RefreshFactsAsync(ct).ConfigureAwait(false);
        // Nothing that cannot be undone is reported as undone: the steps declared irreversible, and what the journal kept.
        IReadOnlyList<string> notUndone = [.. failed.Tasks.Where(t => t is { Status: RunStatus.Changed, Irreversible: not null }).Select(t => $"task '{t.Task}': {t.Irreversible}"), .. restore.Kept];
        var message = notUndone.Count == 0
            ? $"{failed.Message}; rolled back to the state before the stage ({restore.Listing})"
            : $"{failed.Message}; rolled back to the state before the stage ({restore.Listing}), EXCEPT what cannot be undone: {string.Join("; ", notUndone)}";
        // A user who asked to stop wants the host back and the run over, not more probes.
        if (previous is { Verify.Count: > 0 } && !session.Options.SkipVerify && !session.Options.Stop.IsCancellationRequested)
        {
            var again = await probes.RunAsync(session, previous, ct).ConfigureAwait(false);
            var bad = again.FirstOrDefault(p => !p.Passed);
            message += bad is null
                ? $"; stage {previous.Number} '{previous.Name}' verified again ({again.Count} probe(s) passed)"
                : $"; but stage {previous.Number} '{previous.Name}' probe '{bad.Name}' now fails: expected {bad.Expected}, got {bad.Actual}";
        }
        return failed with { Status = RunStatus.RolledBack, Message = session.Vars.Secrets.Mask(message), NotUndone = notUndone.Select(session.Vars.Secrets.Mask).ToList() };
    }

    private async Task<StageResult> RunCoreAsync(Stage stage, List<TaskResult> results, CancellationToken ct)
    {
        if (session.Options.VerifyOnly) return await VerifyAsync(stage, results, RunStatus.Ok, ct).ConfigureAwait(false);
        var runner = new TaskRunner(session);
        var notified = new HashSet<string>(StringComparer.Ordinal);
        await ReadAheadAsync(stage, ct).ConfigureAwait(false);

        foreach (var (task, index) in stage.Tasks.Select((t, i) => (t, i + 1)))
        {
            if (!session.Options.Selects(task) || !session.Options.Confirms(session.Name, task)) continue;
            if (Stopped($"before task '{task.Name}'") is { } stop) return Finish(stage, results, [], RunStatus.Failed, stop);
            session.Events.TaskStarted(session.Name, index, task.Name, handler: false);
            var result = await runner.RunAsync(task, stage.Name, handler: false, ct).ConfigureAwait(false);
            results.Add(result);
            session.Events.TaskFinished(result);
            if (result.Status == RunStatus.Failed) return Finish(stage, results, [], RunStatus.Failed, $"task '{task.Name}' failed: {result.Message}");
            // A change that can cut the controller off is proven harmless (or undone) right away,
            // so the host's timer never has to outlast the rest of the stage.
            if (session.Journal is { GuardArmed: true } guarded && await GuardAsync(guarded, stage, results, ct).ConfigureAwait(false) is { } lockedOut)
                return lockedOut;
            if (result.Status == RunStatus.Changed)
            {
                foreach (var n in task.Notify) notified.Add(n);
                if (session.Options.Check) session.Ledger.Add(task.Name, stage.Number, index, result.Provides);
                // Later tasks branch on versions of what was just installed (Dovecot 2.3 vs 2.4); check
                // mode takes them from the versions the install would bring.
                if (session.Options.Check) session.ForecastInstalls(result.Provides);
                else if (result.TouchesPackages) await session.RefreshFactsAsync(ct).ConfigureAwait(false);
            }
        }

        if (await GatesAsync(stage, results, ct).ConfigureAwait(false) is { } refused) return refused;

        foreach (var handler in stage.Handlers.Where(h => notified.Contains(h.Name)))
        {
            if (Stopped($"before handler '{handler.Name}'") is { } stop) return Finish(stage, results, [], RunStatus.Failed, stop);
            session.Events.TaskStarted(session.Name, 0, handler.Name, handler: true);
            var result = await runner.RunAsync(handler, stage.Name, handler: true, ct).ConfigureAwait(false);
            results.Add(result);
            session.Events.TaskFinished(result);
            if (result.Status == RunStatus.Failed) return Finish(stage, results, [], RunStatus.Failed, $"handler '{handler.Name}' failed: {result.Message}");
            // A handler that restarts the firewall is proven harmless (or undone) as a task's change is.
            if (session.Journal is { GuardArmed: true } guarded && await GuardAsync(guarded, stage, results, ct).ConfigureAwait(false) is { } lockedOut)
                return lockedOut;
        }

        var status = results.Any(r => r.Status == RunStatus.Changed) ? RunStatus.Changed : RunStatus.Ok;
        // A stage that changed nothing has nothing new to prove: its probes ran when it last changed
        // (or run them all with --verify-all / provision verify). This keeps no-op runs fast.
        var verify = !session.Options.Check && !session.Options.SkipVerify && (status == RunStatus.Changed || session.Options.VerifyAll);
        if (verify && Stopped("before the stage's probes") is { } stopped) return Finish(stage, results, [], RunStatus.Failed, stopped);
        return verify ? await VerifyAsync(stage, results, status, ct).ConfigureAwait(false) : Finish(stage, results, [], status, null);
    }

    /// <summary>
    /// Sends the reads the stage's tasks will make in one round trip (see <see cref="StageReads"/>); each
    /// task still asks for its own, answered from this unless something changed the host in between.
    /// </summary>
    private Task ReadAheadAsync(Stage stage, CancellationToken ct) => ReadAheadAsync(stage.Name, [stage], ct);

    /// <summary>
    /// Sends the reads of these stages' tasks in one round trip. Before the first stage the engine sends
    /// every selected stage's: a run that changes nothing (a no-op apply, a check) then reads the host
    /// once; the first change drops what is left, and each later stage sends its own again.
    /// </summary>
    public async Task ReadAheadAsync(string label, IEnumerable<Stage> stages, CancellationToken ct)
    {
        if (session.ReadCache is not { } cache) return;
        var reads = StageReads.Ahead(session, stages.SelectMany(s => s.Tasks).Where(session.Options.Selects));
        if (reads.Count < 2) return;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var sent = await cache.PrefetchAsync(reads, ct).ConfigureAwait(false);
        if (sent > 0) session.Events.Timed(new Timing(session.Name, TimingPhase.Read, $"{label}: {sent} reads sent ahead in one round trip", clock.Elapsed, "stage"));
    }

    /// <summary>
    /// The checks the stage's changed tasks declared (postfix check for postconf), each once, after all
    /// the tasks and before the handlers reload anything: one that fails fails the stage, which then
    /// rolls back whole. Check mode changes nothing, so there is nothing to check.
    /// </summary>
    private async Task<StageResult?> GatesAsync(Stage stage, List<TaskResult> results, CancellationToken ct)
    {
        if (session.Journal is not { Started: true } journal) return null;
        foreach (var gate in results.SelectMany(r => r.Gates).Distinct())
        {
            if (Stopped($"before the stage's check '{gate.Name}'") is { } stop) return Finish(stage, results, [], RunStatus.Failed, stop);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var result = await session.Remote.RunAsync(gate.Check(journal.Directory) with { Become = true }, ct).ConfigureAwait(false);
            session.Events.Timed(new Timing(session.Name, TimingPhase.Apply, $"{stage.Name}: stage check '{gate.Name}'", clock.Elapsed, "gate"));
            if (!result.Ok)
                return Finish(stage, results, [], RunStatus.Failed, $"the stage's check '{gate.Name}' refused its changes: {result.Describe()}");
        }
        return null;
    }

    /// <summary>
    /// After a change that can cut the controller off, log in again over a new connection: if that
    /// works, disarm the host's timer; if not, the change locked us out — wait for the host to undo
    /// the stage itself.
    /// </summary>
    private async Task<StageResult?> GuardAsync(StageJournal journal, Stage stage, List<TaskResult> results, CancellationToken ct)
    {
        var error = await session.CheckNewConnection(ct).ConfigureAwait(false);
        if (error is null)
        {
            var state = await journal.DisarmAsync(ct).ConfigureAwait(false);
            if (state == "open") return null;
            // The timer fired while the controller was still proving it could log in: the host has
            // already undone (or is undoing) the stage, so there is nothing left to apply on top of.
            session.Journal = null;
            return Finish(stage, results, [], RunStatus.RolledBack,
                $"the host's guard timer undid the stage before the controller could disarm it (journal {journal.Directory} is {state}); apply again, with a longer --firewall-guard if the host is slow");
        }
        var deadline = DateTime.UtcNow.AddSeconds(journal.GuardSeconds + 60);
        var reached = "";
        while (DateTime.UtcNow < deadline && reached != "rolled-back")
        {
            await Task.Delay(TimeSpan.FromSeconds(3), ct).ConfigureAwait(false);
            reached = await journal.StateAsync(ct).ConfigureAwait(false);
        }
        var message = reached == "rolled-back"
            ? $"after the firewall change a new SSH connection failed ({error}); the host's guard timer restored the state before the stage"
            : $"after the firewall change a new SSH connection failed ({error}) and the host did not report a restore; check it by hand (journal {journal.Directory})";
        // Already restored on the host: nothing left for the engine's own rollback to do.
        session.Journal = null;
        return Finish(stage, results, [], reached == "rolled-back" ? RunStatus.RolledBack : RunStatus.Failed, message);
    }

    private async Task<StageResult> VerifyAsync(Stage stage, List<TaskResult> results, RunStatus status, CancellationToken ct)
    {
        if (stage.Verify.Count == 0) return Finish(stage, results, [], status, null);
        session.Events.VerifyStarted(session.Name, stage.Number);
        var probeResults = await probes.RunAsync(session, stage, ct).ConfigureAwait(false);
        var failed = probeResults.FirstOrDefault(p => !p.Passed);
        return failed is null
            ? Finish(stage, results, probeResults, status, null)
            : Finish(stage, results, probeResults, RunStatus.Failed, $"probe '{failed.Name}' failed: expected {failed.Expected}, got {failed.Actual}");
    }

    /// <summary>The reason to stop here when the user asked the run to stop, else null.</summary>
    private string? Stopped(string where) => session.Options.Stop.IsCancellationRequested ? $"stopped by the user {where}" : null;

    private StageResult Finish(Stage stage, List<TaskResult> tasks, IReadOnlyList<ProbeResult> probes, RunStatus status, string? message) =>
        new(stage.Name, stage.Number, status, [.. tasks], probes, message is null ? null : session.Vars.Secrets.Mask(message));
}
