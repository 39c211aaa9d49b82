using Provisioner.Journal;
using Provisioner.Modules;

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
/// </summary>
public sealed class JournalRecovery(HostContext root, RunOptions options, string playbook)
{
    public async Task<RecoveryResult> RunAsync(CancellationToken ct)
    {
        var (open, listError) = await JournalScript.ListOpenAsync(root, options.JournalRoot, ct).ConfigureAwait(false);
        if (open is null) return new([], listError);
        var done = new List<string>();
        foreach (var dir in open)
        {
            var what = Describe(dir);
            if (options.DiscardJournal)
            {
                if (options.Check) { done.Add($"would leave {what} as it is (--discard-journal)"); continue; }
                var error = await JournalScript.DiscardAsync(root, dir, ct).ConfigureAwait(false);
                if (error is not null) return new(done, $"{what}: could not discard its journal: {error}");
                done.Add($"{what} left as it is, its journal discarded (--discard-journal)");
                continue;
            }
            var comparison = await JournalScript.CompareAsync(root, dir, ct).ConfigureAwait(false);
            if (!comparison.Comparable || comparison.Differences.Count > 0)
                return new(done, Refusal(dir, what, comparison));
            if (options.Check) { done.Add($"would roll back {what} first"); continue; }
            var restore = await JournalScript.RestoreAsync(root, dir, RestoreMode.Recover, ct).ConfigureAwait(false);
            switch (restore.Verdict)
            {
                case RestoreVerdict.Restored: done.Add($"{what} rolled back: {restore.Listing}"); break;
                case RestoreVerdict.NotInState: done.Add($"{what}: already {restore.Detail}"); break;
                default: return new(done, $"{what} could not be fully rolled back ({restore.Detail}): {restore.Listing}; journal kept in {dir}");
            }
        }
        return new(done, null);
    }

    private string Refusal(string dir, string what, JournalComparison comparison)
    {
        var why = comparison.Comparable
            ? $"the host changed since that run stopped — {string.Join("; ", comparison.Differences)}"
            : $"its journal cannot be compared with the host ({string.Join("; ", comparison.Differences)})";
        return $"{what}: {why}. Nothing was undone, so nothing is lost. To undo the stage anyway (losing those changes): " +
               $"provision rollback {playbook} --stage {StageNumber(dir)}; to keep the host as it is and go on: run again with --discard-journal";
    }

    /// <summary>"unfinished stage 7 'sieve' of run 20261201T120000Z-ab12cd (its controller stopped mid-stage)".</summary>
    private static string Describe(string dir)
    {
        var stage = Path.GetFileName(dir);
        var run = Path.GetFileName(Path.GetDirectoryName(dir)) ?? "?";
        var dash = stage.IndexOf('-');
        var name = dash < 0 ? stage : stage[(dash + 1)..];
        return $"unfinished stage {StageNumber(dir)} '{name}' of run {run} (its controller stopped mid-stage)";
    }

    private static int StageNumber(string dir)
    {
        var stage = Path.GetFileName(dir);
        var digits = new string(stage.TakeWhile(char.IsAsciiDigit).ToArray());
        return int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0;
    }
}
