using Provisioner.Execution;
using Provisioner.Journal;
using Provisioner.Modules;
using Provisioner.Tests.Execution;
using Provisioner.Tests.ModuleTests;

namespace Provisioner.Tests.JournalTests;

/// <summary>journal.sh for real, on this machine, with every path inside a temporary directory.</summary>
public sealed class JournalScriptTests : IDisposable
{
    private readonly LocalRun _run = new();
    private readonly HostContext _host;

    public JournalScriptTests() => _host = new HostContext(_run.Host, ModuleTestKit.DebianFacts, false);

    public void Dispose() => _run.Dispose();

    private StageJournal NewJournal(int stage = 1) => new(_host, _run.JournalRoot, StageJournal.NewRunId(), stage, "test") { GuardSeconds = 90 };

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
    public async Task Listing_finds_open_journals_newest_first_and_discard_closes_one_without_undoing()
    {
        File.WriteAllText(P("k"), "before");
        var older = NewJournal(1);
        await older.BeginTaskAsync([new JournalFile(P("k"))], TaskReach.Anywhere, default);
        await Task.Delay(1100); // run ids start with the second
        var newer = NewJournal(2);
        await newer.BeginTaskAsync([new JournalFile(P("l"))], TaskReach.Anywhere, default);
        File.WriteAllText(P("k"), "after");

        var (open, error) = await JournalScript.ListOpenAsync(_host, _run.JournalRoot, default);
        error.ShouldBeNull();
        open.ShouldBe([newer.Directory, older.Directory]);

        (await JournalScript.DiscardAsync(_host, older.Directory, default)).ShouldBeNull();
        (await older.StateAsync(default)).ShouldBe("discarded");
        File.ReadAllText(P("k")).ShouldBe("after");
        (await JournalScript.ListOpenAsync(_host, _run.JournalRoot, default)).Open.ShouldBe([newer.Directory]);
    }
}
