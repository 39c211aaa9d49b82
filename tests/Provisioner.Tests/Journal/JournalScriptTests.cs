using Provisioner.Execution;
using Provisioner.HostFacts;
using Provisioner.Journal;
using Provisioner.Tests.Execution;
using Provisioner.Tests.ModuleTests;
using Provisioner.Transport;

namespace Provisioner.Tests.JournalTests;

/// <summary>journal.sh for real, on this machine, with every path inside a temporary directory.</summary>
public sealed class JournalScriptTests : IDisposable
{
    private readonly LocalRun _run = new();
    private readonly HostContext _host;

    public JournalScriptTests() => _host = new HostContext(_run.Host, ModuleTestKit.DebianFacts, false);

    public void Dispose() => _run.Dispose();

    private StageJournal NewJournal(int stage = 1, int play = 1, string? runId = null) =>
        new(_host, _run.JournalRoot, runId ?? StageJournal.NewRunId(), new JournalOf(play, stage, $"play {play}", "test", "owner-token")) { GuardSeconds = 90 };

    private async Task<IReadOnlyList<string>> Unfinished() =>
        (await JournalScript.ListAsync(_host, _run.JournalRoot, default)).Journals!.Where(j => j.Unfinished).Select(j => j.Directory).ToList();

    private string P(string name) => _run.PathOf(name);

    [Fact]
    public async Task Restore_puts_back_what_was_there_removes_what_was_not_and_lists_both()
    {
        File.WriteAllText(P("kept.conf"), "before\n");
        var journal = NewJournal();
        (await journal.BeginTaskAsync([new JournalFile(P("kept.conf")), new JournalFile(P("new/dir/made.conf"))], TaskReach.Anywhere, default)).ShouldBeNull();
        File.WriteAllText(P("kept.conf"), "after\n");
        Directory.CreateDirectory(P("new/dir"));
        File.WriteAllText(P("new/dir/made.conf"), "x");

        var undo = await journal.RollbackAsync(default);

        undo.Verdict.ShouldBe(RestoreVerdict.Restored, undo.Detail);
        File.ReadAllText(P("kept.conf")).ShouldBe("before\n");
        Directory.Exists(P("new")).ShouldBeFalse("directories the stage created above an absent path go too");
        undo.Undone.ShouldBe([$"removed {P("new/dir/made.conf")} (absent before the stage)", $"restored {P("kept.conf")}"]);
        (await journal.StateAsync(default)).ShouldBe("rolled-back");
    }

    /// <summary>Spoils a recorded item's archive, as a damaged disk or a full one while recording would; returns how to mend it.</summary>
    private Action Damage(StageJournal journal, string entry)
    {
        var archive = Path.Combine(journal.Directory, "entries", entry, "data.tar");
        var good = File.ReadAllBytes(archive);
        var spoiled = (byte[])good.Clone();
        spoiled.AsSpan(0, 512).Fill((byte)'x'); // the first header: "does not look like a tar archive"
        File.WriteAllBytes(archive, spoiled);
        return () => File.WriteAllBytes(archive, good);
    }

    [Fact]
    public async Task An_item_that_cannot_be_restored_keeps_the_current_file_and_leaves_the_journal_incomplete()
    {
        File.WriteAllText(P("a.conf"), "a before\n");
        File.WriteAllText(P("b.conf"), new string('b', 40_000));
        var journal = NewJournal();
        (await journal.BeginTaskAsync([new JournalFile(P("a.conf")), new JournalFile(P("b.conf"))], TaskReach.Anywhere, default)).ShouldBeNull();
        File.WriteAllText(P("a.conf"), "a after\n");
        File.WriteAllText(P("b.conf"), "b after\n");
        Damage(journal, "0002");

        var undo = await journal.RollbackAsync(default);

        undo.Verdict.ShouldBe(RestoreVerdict.Incomplete, undo.Detail);
        File.ReadAllText(P("b.conf")).ShouldBe("b after\n", "a restore that failed destroyed the file it was restoring");
        File.ReadAllText(P("a.conf")).ShouldBe("a before\n", "the item that could be restored was not");
        undo.Undone.ShouldContain($"restored {P("a.conf")}");
        undo.NotUndone.ShouldHaveSingleItem().ShouldStartWith($"could not restore {P("b.conf")}: ");
        (await journal.StateAsync(default)).ShouldBe("incomplete");
        File.ReadAllText(Path.Combine(journal.Directory, "incomplete")).ShouldStartWith($"could not restore {P("b.conf")}");
        Directory.GetFileSystemEntries(_run.Root, ".provision-*").ShouldBeEmpty("the staging copy was left behind");
    }

    [Fact]
    public async Task An_incomplete_undo_is_run_again_and_finishes_once_the_cause_is_gone()
    {
        File.WriteAllText(P("c.conf"), "c before\n");
        var journal = NewJournal();
        await journal.BeginTaskAsync([new JournalFile(P("c.conf"))], TaskReach.Anywhere, default);
        File.WriteAllText(P("c.conf"), "c after\n");
        var mend = Damage(journal, "0001");
        (await journal.RollbackAsync(default)).Verdict.ShouldBe(RestoreVerdict.Incomplete);

        mend();
        foreach (var mode in new[] { RestoreMode.Guard })
            (await JournalScript.RestoreAsync(_host, journal.Directory, mode, default)).Verdict.ShouldBe(RestoreVerdict.NotInState, "the guard timer acts on open journals only");
        var again = await JournalScript.RestoreAsync(_host, journal.Directory, RestoreMode.Rollback, default);

        again.Verdict.ShouldBe(RestoreVerdict.Restored, again.Detail);
        File.ReadAllText(P("c.conf")).ShouldBe("c before\n");
        (await journal.StateAsync(default)).ShouldBe("rolled-back");
        File.Exists(Path.Combine(journal.Directory, "incomplete")).ShouldBeFalse();
    }

    [Fact]
    public async Task A_directory_is_restored_whole_by_rename_and_a_file_put_where_it_stood_goes()
    {
        Directory.CreateDirectory(P("conf.d"));
        File.WriteAllText(P("conf.d/one"), "1");
        File.WriteAllText(P("was-a-file"), "file");
        var journal = NewJournal();
        await journal.BeginTaskAsync([new JournalFile(P("conf.d")), new JournalFile(P("was-a-file"))], TaskReach.Anywhere, default);
        File.WriteAllText(P("conf.d/one"), "changed");
        File.WriteAllText(P("conf.d/two"), "added");
        File.Delete(P("was-a-file"));
        Directory.CreateDirectory(P("was-a-file/inside"));

        (await journal.RollbackAsync(default)).Verdict.ShouldBe(RestoreVerdict.Restored);

        Directory.GetFiles(P("conf.d")).Select(Path.GetFileName).ShouldBe(["one"]);
        File.ReadAllText(P("conf.d/one")).ShouldBe("1");
        File.ReadAllText(P("was-a-file")).ShouldBe("file");
    }

    [Fact]
    public async Task A_path_with_a_tab_or_newline_is_one_path_and_the_undo_never_touches_its_prefix()
    {
        // The old tab-separated journal read "ROOT/a<TAB>b" as the path "ROOT/a" and deleted it.
        File.WriteAllText(P("a"), "untouched\n");
        var tricky = new[] { P("a\tb"), P("a\nb"), P("a b") };
        var journal = NewJournal();
        (await journal.BeginTaskAsync(tricky.Select(t => (JournalItem)new JournalFile(t)).ToList(), TaskReach.Anywhere, default)).ShouldBeNull();
        foreach (var t in tricky) File.WriteAllText(t, "made by the stage");

        (await journal.RollbackAsync(default)).Verdict.ShouldBe(RestoreVerdict.Restored);

        File.ReadAllText(P("a")).ShouldBe("untouched\n");
        foreach (var t in tricky) File.Exists(t).ShouldBeFalse(t);
    }

    /// <summary>
    /// Records each path by a task of its own (so each digest is taken with no other path beside it),
    /// then lets a further task read them all back at once; returns the journal. The digests must not
    /// depend on what else is read in the same pass.
    /// </summary>
    private async Task<StageJournal> RecordedOneByOneThenReadBackTogether(IReadOnlyList<string> paths, string? probeWrites = null, string? root = null)
    {
        var journal = new StageJournal(_host, root ?? _run.JournalRoot, StageJournal.NewRunId(), new JournalOf(1, 1, "play 1", "test", "owner-token"))
        {
            GuardSeconds = 90,
            ProbeWrites = probeWrites is null ? null : () => [probeWrites],
        };
        foreach (var path in paths)
            (await journal.BeginTaskAsync([new JournalFile(path)], TaskReach.Anywhere, default)).ShouldBeNull();
        (await journal.BeginTaskAsync([new JournalFile(P("unrelated.conf"))], TaskReach.Anywhere, default)).ShouldBeNull();
        return journal;
    }

    /// <summary>Entry by entry: the digest recorded before the stage and the one the last read-back left.</summary>
    private static IEnumerable<(string Path, string Before, string After)> Digests(StageJournal journal) =>
        Directory.GetDirectories(Path.Combine(journal.Directory, "entries")).Order(StringComparer.Ordinal)
            .Where(e => File.Exists(Path.Combine(e, "digest")))
            .Select(e => (File.ReadAllText(Path.Combine(e, "arg")), File.ReadAllText(Path.Combine(e, "digest")),
                File.ReadAllText(Path.Combine(journal.Directory, "after", Path.GetFileName(e)))));

    /// <summary>
    /// Reads back every entry of the journal once more, traced (<c>sh -x</c>), and counts the paths it
    /// digested one by one: none when the one pass covered them all.
    /// </summary>
    private async Task<int> PathsDigestedOneByOne(StageJournal journal)
    {
        var script = ShellQuote.Quote(journal.Directory + "/journal.sh");
        var result = await _host.RunAsync(Command.Script($"sh -x {script} end {ShellQuote.Quote(journal.Directory)} all"), default);
        result.Ok.ShouldBeTrue(result.Describe());
        return result.Stderr.Split('\n').Count(l => l.StartsWith("+ digest ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Paths_read_back_together_get_the_digest_each_has_alone_and_a_change_deep_inside_shows_in_each_path_above_it()
    {
        Directory.CreateDirectory(P("tree/sub"));
        File.WriteAllText(P("tree/a.conf"), "a\n");
        File.WriteAllText(P("tree/sub/deep.conf"), "deep\n");
        File.WriteAllText(P("tree/with space"), "s\n");
        File.CreateSymbolicLink(P("link"), P("tree/a.conf"));
        Directory.CreateDirectory(P("tree/Maildir"));
        string[] paths = [P("tree"), P("tree/sub"), P("tree/sub/deep.conf"), P("tree/with space"), P("link"), P("absent.conf")];
        var journal = await RecordedOneByOneThenReadBackTogether(paths, probeWrites: P("tree/Maildir"));

        Digests(journal).Count().ShouldBe(paths.Length + 1);
        foreach (var (path, before, after) in Digests(journal)) after.ShouldBe(before, $"{path}: read back with the others, it digests otherwise than alone");
        (await PathsDigestedOneByOne(journal)).ShouldBe(0, "nested paths, a link, a space and an absent path all fit the one pass");

        File.WriteAllText(P("tree/Maildir/a-probe-message"), "what a probe delivers is not an edit");
        File.WriteAllText(P("tree/sub/deep.conf"), "edited by someone else\n");
        var comparison = await JournalScript.CompareAsync(_host, journal.Directory, default);
        comparison.Differences.ShouldBe([$"changed since: {P("tree")}", $"changed since: {P("tree/sub")}", $"changed since: {P("tree/sub/deep.conf")}"]);

        // The undo compares each path alone with its recorded digest: only the one file differs.
        var undo = await journal.RollbackAsync(default);
        undo.Verdict.ShouldBe(RestoreVerdict.Restored, undo.Detail);
        undo.Undone.ShouldBe([$"restored {P("tree/sub/deep.conf")}"]);
        File.ReadAllText(P("tree/sub/deep.conf")).ShouldBe("deep\n");
    }

    [Fact]
    public async Task A_journal_under_a_directory_with_a_backslash_in_its_name_reads_back_the_same_digests()
    {
        // awk takes backslashes in -v values as escapes: the journal's own path must reach it whole.
        Directory.CreateDirectory(P("tree"));
        File.WriteAllText(P("tree/a.conf"), "a\n");
        var journal = await RecordedOneByOneThenReadBackTogether([P("tree"), P("tree/a.conf")], root: P("journal\\root"));

        Digests(journal).Count().ShouldBe(3);
        foreach (var (path, before, after) in Digests(journal)) after.ShouldBe(before, $"{path}: read back with the others, it digests otherwise than alone");
        (await PathsDigestedOneByOne(journal)).ShouldBe(0, "the one pass fell back to digesting path by path");
        (await JournalScript.CompareAsync(_host, journal.Directory, default)).Differences.ShouldBeEmpty();
    }

    [Fact]
    public async Task Names_that_sha256sum_escapes_are_read_back_path_by_path_with_the_same_digests()
    {
        Directory.CreateDirectory(P("tree"));
        File.WriteAllText(P("tree/new\nline"), "n\n");
        File.WriteAllText(P("tree/back\\slash"), "b\n");
        File.WriteAllText(P("plain.conf"), "p\n");
        string[] paths = [P("tree"), P("plain.conf"), P("tab\there")];
        var journal = await RecordedOneByOneThenReadBackTogether(paths);

        foreach (var (path, before, after) in Digests(journal)) after.ShouldBe(before, $"{path}: read back with the others, it digests otherwise than alone");
        (await PathsDigestedOneByOne(journal)).ShouldBe(3, "a name sha256sum escapes sends the whole pass path by path (tree, plain.conf), and a path with a tab goes alone");
        File.WriteAllText(P("tree/new\nline"), "edited\n");
        (await JournalScript.CompareAsync(_host, journal.Directory, default)).Differences.ShouldBe([$"changed since: {P("tree")}"]);
        var undo = await journal.RollbackAsync(default);
        undo.Undone.ShouldBe([$"restored {P("tree")}"]);
        File.ReadAllText(P("tree/new\nline")).ShouldBe("n\n");
    }

    [Fact]
    public async Task A_relative_path_is_refused_when_recorded()
    {
        var journal = NewJournal();
        var error = await journal.BeginTaskAsync([new JournalFile("etc/passwd")], TaskReach.Anywhere, default);
        error.ShouldNotBeNull();
        error.ShouldContain("not an absolute path");
    }

    [Fact]
    public async Task Only_an_open_journal_is_undone_and_a_committed_one_only_when_forced()
    {
        File.WriteAllText(P("f"), "before");
        var journal = NewJournal();
        await journal.BeginTaskAsync([new JournalFile(P("f"))], TaskReach.Anywhere, default);
        File.WriteAllText(P("f"), "after");
        (await journal.CommitAsync(default)).ShouldBeNull();

        foreach (var mode in new[] { RestoreMode.Guard, RestoreMode.Rollback, RestoreMode.Recover })
        {
            var stale = await JournalScript.RestoreAsync(_host, journal.Directory, mode, default);
            stale.Verdict.ShouldBe(RestoreVerdict.NotInState, mode.ToString());
            stale.Detail.ShouldBe("committed");
            File.ReadAllText(P("f")).ShouldBe("after", $"a {mode} restore of a committed journal changed the host");
        }
        (await JournalScript.RestoreAsync(_host, journal.Directory, RestoreMode.Force, default)).Verdict.ShouldBe(RestoreVerdict.Restored);
        File.ReadAllText(P("f")).ShouldBe("before");
    }

    [Fact]
    public async Task A_journal_the_host_already_undid_cannot_be_committed_or_recorded_into()
    {
        var journal = NewJournal();
        await journal.BeginTaskAsync([new JournalFile(P("g"))], TaskReach.Anywhere, default);
        (await JournalScript.RestoreAsync(_host, journal.Directory, RestoreMode.Guard, default)).Verdict.ShouldBe(RestoreVerdict.Restored);

        (await journal.CommitAsync(default)).ShouldBe("rolled-back");
        var error = await journal.BeginTaskAsync([new JournalFile(P("h"))], TaskReach.Anywhere, default);
        error.ShouldNotBeNull();
        error.ShouldContain("already undone");
    }

    [Fact]
    public async Task Compare_lists_what_changed_since_the_last_finished_task_but_not_what_the_running_task_touches()
    {
        File.WriteAllText(P("done-by-task-1"), "1");
        File.WriteAllText(P("admin-edits-this"), "original");
        var journal = NewJournal();
        await journal.BeginTaskAsync([new JournalFile(P("done-by-task-1")), new JournalFile(P("admin-edits-this"))], TaskReach.Anywhere, default);
        File.WriteAllText(P("done-by-task-1"), "changed by task 1");
        await journal.BeginTaskAsync([new JournalFile(P("running-task-2"))], TaskReach.Anywhere, default);
        File.WriteAllText(P("running-task-2"), "half written when the controller died");

        (await JournalScript.CompareAsync(_host, journal.Directory, default)).Differences.ShouldBeEmpty();

        File.WriteAllText(P("admin-edits-this"), "the admin's edit");
        var comparison = await JournalScript.CompareAsync(_host, journal.Directory, default);
        comparison.Comparable.ShouldBeTrue();
        comparison.Differences.ShouldBe([$"changed since: {P("admin-edits-this")}"]);
    }

    [Fact]
    public async Task After_a_task_that_reaches_only_its_items_a_change_to_another_entry_is_still_seen()
    {
        File.WriteAllText(P("admin-edits-this"), "original");
        File.WriteAllText(P("task-writes-this"), "1");
        var journal = NewJournal();
        await journal.BeginTaskAsync([new JournalFile(P("admin-edits-this"))], TaskReach.ItsJournalItems, default);
        await journal.BeginTaskAsync([new JournalFile(P("task-writes-this"))], TaskReach.ItsJournalItems, default);
        File.WriteAllText(P("admin-edits-this"), "the admin's edit while the stage runs");
        File.WriteAllText(P("task-writes-this"), "2");
        await journal.BeginTaskAsync([new JournalFile(P("next"))], TaskReach.ItsJournalItems, default);

        var comparison = await JournalScript.CompareAsync(_host, journal.Directory, default);

        comparison.Differences.ShouldBe([$"changed since: {P("admin-edits-this")}"],
            "the finished task wrote only task-writes-this; the edit to the other entry is nobody's in the stage");
    }

    [Fact]
    public async Task After_a_task_that_reaches_only_its_items_the_entries_above_and_below_its_path_are_read_again()
    {
        Directory.CreateDirectory(P("dir/sub"));
        File.WriteAllText(P("dir/sub/inner"), "1");
        var journal = NewJournal();
        await journal.BeginTaskAsync([new JournalFile(P("dir")), new JournalFile(P("dir/sub/inner"))], TaskReach.ItsJournalItems, default);
        await journal.BeginTaskAsync([new JournalFile(P("dir/sub"))], TaskReach.ItsJournalItems, default);
        File.WriteAllText(P("dir/sub/inner"), "2");
        File.WriteAllText(P("dir/sub/added"), "3");
        await journal.BeginTaskAsync([new JournalFile(P("next"))], TaskReach.ItsJournalItems, default);

        (await JournalScript.CompareAsync(_host, journal.Directory, default)).Differences.ShouldBeEmpty();
    }

    [Fact]
    public async Task After_a_task_that_may_reach_anywhere_every_entry_is_read_again()
    {
        File.WriteAllText(P("package-drops-this"), "original");
        var journal = NewJournal();
        await journal.BeginTaskAsync([new JournalFile(P("package-drops-this"))], TaskReach.ItsJournalItems, default);
        await journal.BeginTaskAsync([new JournalPackages(["x"], "apt")], TaskReach.Anywhere, default);
        File.WriteAllText(P("package-drops-this"), "the package's default file");
        await journal.BeginTaskAsync([new JournalFile(P("next"))], TaskReach.ItsJournalItems, default);

        (await JournalScript.CompareAsync(_host, journal.Directory, default)).Differences.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_package_transaction_cut_off_before_its_task_finished_may_have_written_any_entry()
    {
        // Found by tests/faults/sweep (stage 1, killed right after postfix's install returned): the
        // package's scripts had written /etc/postfix/master.cf, an entry of a later task, and recovery
        // refused to undo the stage as if an admin had edited it.
        var journal = NewJournal();
        await journal.BeginTaskAsync([new JournalFile(P("written-by-the-package-scripts"))], TaskReach.ItsJournalItems, default);
        await journal.BeginTaskAsync([new JournalPackages(["x"], "apt")], TaskReach.Anywhere, default);
        File.WriteAllText(P("written-by-the-package-scripts"), "postinst");

        (await JournalScript.CompareAsync(_host, journal.Directory, default)).Differences.ShouldBeEmpty();
    }

    [Fact]
    public async Task What_the_stages_probes_write_is_not_taken_for_an_edit_and_anything_else_still_is()
    {
        // Found by the kill-point sweep (stage 1, k=76, killed right after the mail probe's look into
        // the probe user's Maildir): the home the stage created held the probe's message, and recovery
        // refused to undo the stage ("changed since: /home/provision-probe").
        var home = P("home");
        var journal = new StageJournal(_host, _run.JournalRoot, StageJournal.NewRunId(), new JournalOf(1, 1, "play 1", "test", "owner-token"))
        {
            GuardSeconds = 90,
            ProbeWrites = () => [home + "/Maildir"],
        };
        await journal.BeginTaskAsync([new JournalFile(home)], TaskReach.ItsJournalItems, default);
        Directory.CreateDirectory(home);
        File.WriteAllText(Path.Combine(home, ".profile"), "made by the task");
        await journal.BeginTaskAsync([new JournalFile(P("next"))], TaskReach.ItsJournalItems, default);

        Directory.CreateDirectory(Path.Combine(home, "Maildir", "new"));
        File.WriteAllText(Path.Combine(home, "Maildir", "new", "1.probe"), "the probe's message");
        (await JournalScript.CompareAsync(_host, journal.Directory, default)).Differences.ShouldBeEmpty();

        File.WriteAllText(Path.Combine(home, ".profile"), "edited after the controller died");
        (await JournalScript.CompareAsync(_host, journal.Directory, default)).Differences.ShouldBe([$"changed since: {home}"]);
    }

    [Fact]
    public async Task Listing_finds_open_journals_newest_first_and_discard_closes_one_without_undoing()
    {
        File.WriteAllText(P("k"), "before");
        var older = NewJournal(1);
        await older.BeginTaskAsync([new JournalFile(P("k"))], TaskReach.Anywhere, default);
        await Task.Delay(1100); // run ids start with the second
        var newer = NewJournal(2);
        await newer.BeginTaskAsync([new JournalFile(P("l"))], TaskReach.Anywhere, default);
        File.WriteAllText(P("k"), "after");

        var (all, error) = await JournalScript.ListAsync(_host, _run.JournalRoot, default);
        error.ShouldBeNull();
        all.ShouldNotBeNull().Select(j => (j.Directory, j.State)).ShouldBe([(newer.Directory, "open"), (older.Directory, "open")]);

        (await JournalScript.DiscardAsync(_host, older.Directory, default)).ShouldBeNull();
        (await older.StateAsync(default)).ShouldBe("discarded");
        File.ReadAllText(P("k")).ShouldBe("after");
        (await Unfinished()).ShouldBe([newer.Directory]);
    }

    [Fact]
    public async Task Two_plays_with_stages_of_the_same_number_and_name_keep_journals_of_their_own()
    {
        File.WriteAllText(P("p1"), "1");
        File.WriteAllText(P("p2"), "2");
        var run = StageJournal.NewRunId();
        var first = NewJournal(stage: 1, play: 1, runId: run);
        var second = NewJournal(stage: 1, play: 2, runId: run);
        (await first.BeginTaskAsync([new JournalFile(P("p1"))], TaskReach.Anywhere, default)).ShouldBeNull();
        (await first.CommitAsync(default)).ShouldBeNull();

        (await second.BeginTaskAsync([new JournalFile(P("p2"))], TaskReach.Anywhere, default)).ShouldBeNull("the second play's stage was taken for the first's");
        second.Directory.ShouldNotBe(first.Directory);

        var listed = (await JournalScript.ListAsync(_host, _run.JournalRoot, default)).Journals.ShouldNotBeNull();
        listed.Select(j => (j.Id, j.State, j.Play, j.Stage, j.PlayName, j.StageName)).ShouldBe([
            ($"{run}/p02-01-test", "open", (int?)2, 1, "play 2", "test"),
            ($"{run}/p01-01-test", "committed", (int?)1, 1, "play 1", "test"),
        ]);
        listed[0].Describe().ShouldBe($"stage 1 'test' of play 2 'play 2' (journal {run}/p02-01-test, open)");
    }

    [Fact]
    public async Task A_journal_written_before_journals_named_their_play_is_still_listed()
    {
        var legacy = Path.Combine(_run.JournalRoot, "20261101T000000Z-abcdef", "07-sieve");
        Directory.CreateDirectory(Path.Combine(legacy, "entries"));
        File.WriteAllText(Path.Combine(legacy, "state"), "open\n");

        var listed = (await JournalScript.ListAsync(_host, _run.JournalRoot, default)).Journals.ShouldNotBeNull().ShouldHaveSingleItem();

        (listed.Id, listed.State, listed.Play, listed.Stage, listed.StageName).ShouldBe(("20261101T000000Z-abcdef/07-sieve", "open", (int?)null, 7, "sieve"));
        listed.Unfinished.ShouldBeTrue();
    }
}
