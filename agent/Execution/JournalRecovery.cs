using Provisioner.HostFacts;
using Provisioner.Journal;
using Provisioner.Transport;

namespace Provisioner.Execution;

/// <summary>What recovery did (or, in check mode, would do) with the journals an interrupted run left open.</summary>
/// <param name="Done">One line per journal: what was undone, path by path and package by package.</param>
/// <param name="Blocked">Why this host must stop before any stage runs, or null.</param>
public sealed record RecoveryResult(IReadOnlyList<string> Done, string? Blocked);

/// <summary>
/// A stage left open by a controller that stopped (killed, network gone) is undone before anything
/// else, so the run starts from the last verified state — but only while the host still is as that
/// stage left it. If anything it recorded changed since (an admin's edit, a package installed), the
/// undo would throw that away: the host stops instead, with the differences and the ways forward.
/// An undo that did not finish (incomplete) is never retried behind the operator's back: the host
/// stops, naming what is missing and how to finish it.
/// </summary>
public sealed class JournalRecovery(HostContext root, RunOptions options, string playbook)
{
    public async Task<RecoveryResult> RunAsync(CancellationToken ct)
    {
        var (journals, listError) = await JournalScript.ListAsync(root, options.JournalRoot, ct).ConfigureAwait(false);
        if (journals is null) return new([], listError);
        var done = new List<string>();
        foreach (var journal in journals.Where(j => j.Unfinished || j.Incomplete))
        {
            var what = Describe(journal);
            if (options.DiscardJournal)
            {
                if (options.Check) { done.Add($"would leave {what} as it is (--discard-journal)"); continue; }
                var error = await JournalScript.DiscardAsync(root, journal.Directory, ct).ConfigureAwait(false);
                if (error is not null) return new(done, $"{what}: could not discard its journal: {error}");
                done.Add($"{what} left as it is, its journal discarded (--discard-journal)");
                continue;
            }
            if (journal.Incomplete) return new(done, await IncompleteAsync(journal, what, ct).ConfigureAwait(false));
            var comparison = await JournalScript.CompareAsync(root, journal.Directory, ct).ConfigureAwait(false);
            if (!comparison.Comparable || comparison.Differences.Count > 0)
                return new(done, Refusal(journal, what, comparison));
            if (options.Check) { done.Add($"would roll back {what} first"); continue; }
            var restore = await JournalScript.RestoreAsync(root, journal.Directory, RestoreMode.Recover, ct).ConfigureAwait(false);
            switch (restore.Verdict)
            {
                case RestoreVerdict.Restored: done.Add($"{what} rolled back: {restore.Listing}"); break;
                case RestoreVerdict.NotInState: done.Add($"{what}: already {restore.Detail}"); break;
                default:
                    return new(done, $"{what} could not be fully rolled back — not put back: {string.Join("; ", restore.NotUndone)}; put back: {restore.Listing}. " +
                                     $"Its journal is now incomplete: fix the cause, then finish the undo with provision rollback {playbook} --journal {journal.Id}");
            }
        }
        return new(done, null);
    }

    private async Task<string> IncompleteAsync(HostJournal journal, string what, CancellationToken ct)
    {
        var listed = await root.RunAsync(Command.Read("cat", journal.Directory + "/incomplete"), ct).ConfigureAwait(false);
        var missing = listed.Ok ? string.Join("; ", listed.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)) : "(the list of what is missing could not be read)";
        return $"{what}: an earlier undo of it did not finish — not put back: {missing}. Nothing was changed now. " +
               $"Fix the cause (a full disk, a damaged archive), then finish the undo: provision rollback {playbook} --journal {journal.Id}; " +
               "or keep the host as it is and go on: run again with --discard-journal";
    }

    private string Refusal(HostJournal journal, string what, JournalComparison comparison)
    {
        var why = comparison.Comparable
            ? $"the host changed since that run stopped — {string.Join("; ", comparison.Differences)}"
            : $"its journal cannot be compared with the host ({string.Join("; ", comparison.Differences)})";
        return $"{what}: {why}. Nothing was undone, so nothing is lost. To undo the stage anyway (losing those changes): " +
               $"provision rollback {playbook} --journal {journal.Id}; to keep the host as it is and go on: run again with --discard-journal";
    }

    /// <summary>"unfinished stage 7 'sieve' of play 1 'mail' (journal RUN/p01-07-sieve, open; its controller stopped mid-stage)".</summary>
    private static string Describe(HostJournal journal) => journal.Incomplete
        ? $"incompletely undone {journal.Describe()}"
        : $"unfinished {journal.Describe()[..^1]}; its controller stopped mid-stage)";
}
