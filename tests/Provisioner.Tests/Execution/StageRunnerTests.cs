using Provisioner.Execution;

namespace Provisioner.Tests.Execution;

/// <summary>The engine's stage transactions, driven for real against this machine (see <see cref="LocalRun"/>).</summary>
public sealed class StageRunnerTests : IDisposable
{
    private readonly LocalRun _run = new();

    public void Dispose() => _run.Dispose();

    private const string TwoFiles = """
        - name: two files
          hosts: all
          stages:
            - name: files
              tasks:
                - name: first
                  copy: { dest: ROOT/first.conf, content: "one\n" }
                - name: second
                  copy: { dest: ROOT/second.conf, content: "two\n" }
        """;

    [Fact]
    public async Task An_exception_inside_a_stage_rolls_the_stage_back_like_any_failure()
    {
        _run.Host.ThrowOn = "set -- " + _run.PathOf("second.conf") + " " + _run.PathOf(".provision-"); // its upload, not its journal entry
        var result = await _run.RunAsync(TwoFiles);

        result.ExitCode.ShouldBe(1);
        var stage = result.Hosts[0].Stages.ShouldHaveSingleItem();
        stage.Status.ShouldBe(RunStatus.RolledBack, stage.Message);
        stage.Message.ShouldNotBeNull().ShouldContain("internal error: InvalidOperationException: injected fault");
        stage.Message.ShouldContain("rolled back to the state before the stage");
        stage.Tasks.Select(t => (t.Task, t.Status)).ShouldBe([("first", RunStatus.Changed)]);
        File.Exists(_run.PathOf("first.conf")).ShouldBeFalse("the first task's file stayed after the stage failed");
    }

    [Fact]
    public async Task Touches_are_journaled_with_their_task_and_undone_with_the_stage()
    {
        var result = await _run.RunAsync("""
            - name: touches
              hosts: all
              stages:
                - name: db
                  tasks:
                    - name: build a database beside its source
                      command: { cmd: "printf db > ROOT/aliases.db && touch ROOT/marker", creates: ROOT/marker }
                      touches: [ROOT/aliases.db]
                    - name: then fail
                      command: { cmd: "exit 3" }
            """);

        result.Hosts[0].Status.ShouldBe(RunStatus.RolledBack);
        File.Exists(_run.PathOf("aliases.db")).ShouldBeFalse("a path named in touches stayed after the undo");
        File.Exists(_run.PathOf("marker")).ShouldBeFalse();
    }

    [Fact]
    public async Task The_journal_names_what_the_stages_probes_write_bound_for_the_host()
    {
        // The wiring behind JournalScriptTests.What_the_stages_probes_write_…: without it a controller
        // killed while the mail probe's message sat in a Maildir the stage created was refused recovery.
        var result = await _run.RunAsync("""
            - name: probe writes
              hosts: all
              vars: { who: probe }
              stages:
                - name: mailbox
                  tasks:
                    - name: a home
                      copy: { dest: ROOT/home/probe/.profile, content: "x\n" }
                  verify:
                    - name: delivered
                      mail: { host: 127.0.0.1, smtp_port: 1, from: a@example.org, to: b@example.org, maildir: ["ROOT/home/{{ who }}/Maildir"] }
                      retries: 0
            """);

        result.Hosts[0].Stages.ShouldHaveSingleItem().Status.ShouldBe(RunStatus.RolledBack);
        var written = Directory.GetFiles(_run.JournalRoot, "volatile", SearchOption.AllDirectories).ShouldHaveSingleItem();
        File.ReadAllText(written).ShouldBe(_run.PathOf("home/probe/Maildir") + "\n");
    }

    [Fact]
    public async Task Verify_runs_the_probes_of_every_stage_even_after_one_fails()
    {
        var result = await _run.RunAsync("""
            - name: health
              hosts: all
              stages:
                - name: one
                  verify:
                    - name: first stage probe
                      command: { cmd: "exit 1" }
                - name: two
                  verify:
                    - name: second stage probe
                      command: { cmd: "true" }
                - name: three
                  verify:
                    - name: third stage probe
                      command: { cmd: "exit 1" }
            """, new RunOptions { VerifyOnly = true });

        result.ExitCode.ShouldBe(1);
        var host = result.Hosts[0];
        host.Stages.Select(s => (s.Name, s.Status)).ShouldBe([("one", RunStatus.Failed), ("two", RunStatus.Ok), ("three", RunStatus.Failed)]);
        host.Stages.SelectMany(s => s.Probes).Select(p => (p.Name, p.Passed))
            .ShouldBe([("first stage probe", false), ("second stage probe", true), ("third stage probe", false)]);
        host.Message.ShouldNotBeNull().ShouldContain("stage 1 'one'");
    }

    [Fact]
    public async Task Two_plays_on_one_host_with_stages_of_the_same_name_each_keep_a_journal_of_their_own()
    {
        var result = await _run.RunAsync("""
            - hosts: all
              stages:
                - name: files
                  tasks:
                    - name: one
                      copy: { dest: ROOT/play1.conf, content: "1\n" }
            - hosts: all
              stages:
                - name: files
                  tasks:
                    - name: two
                      copy: { dest: ROOT/play2.conf, content: "2\n" }
            """);

        result.Hosts[0].Stages.Select(s => (s.Name, s.Status, s.Message)).ShouldBe([("files", RunStatus.Changed, (string?)null), ("files", RunStatus.Changed, null)]);
        result.ExitCode.ShouldBe(2);
        Directory.GetDirectories(Directory.GetDirectories(_run.JournalRoot).ShouldHaveSingleItem()).Select(Path.GetFileName).Order()
            .ShouldBe(["p01-01-files", "p02-01-files"]);
    }

    [Fact]
    public async Task Recovery_stops_at_an_incomplete_undo_and_says_how_to_finish_it()
    {
        await LeaveStageOpen();
        var journal = Directory.GetDirectories(Directory.GetDirectories(_run.JournalRoot).ShouldHaveSingleItem()).ShouldHaveSingleItem();
        File.WriteAllText(Path.Combine(journal, "state"), "incomplete\n");
        File.WriteAllText(Path.Combine(journal, "incomplete"), "could not restore /etc/x: no space left on device\n");

        var next = await _run.RunAsync(TwoFiles);

        next.ExitCode.ShouldBe(1);
        var message = next.Hosts[0].Message.ShouldNotBeNull();
        message.ShouldContain("an earlier undo of it did not finish — not put back: could not restore /etc/x: no space left on device");
        message.ShouldContain($"provision rollback {_run.Root}");
        message.ShouldContain($"--journal {Path.GetFileName(Path.GetDirectoryName(journal))}/{Path.GetFileName(journal)}");
        File.ReadAllText(_run.PathOf("first.conf")).ShouldBe("one\n", "recovery retried the undo behind the operator's back");
    }

    [Fact]
    public async Task A_run_that_lost_the_hosts_lock_stops_before_its_next_change_and_leaves_the_journal_to_the_lock_holder()
    {
        _run.Host.LoseLockAfter = "set -- " + _run.PathOf("first.conf") + " " + _run.PathOf(".provision-"); // after the first task's upload

        var result = await _run.RunAsync(TwoFiles);

        result.ExitCode.ShouldBe(1);
        var stage = result.Hosts[0].Stages.ShouldHaveSingleItem();
        stage.Status.ShouldBe(RunStatus.Failed, stage.Message);
        stage.Message.ShouldNotBeNull().ShouldContain("stage 1 stopped before its next change: the connection dropped and this run could not take the host's lock back");
        stage.Message.ShouldContain("stays open for the run that holds the lock now");
        File.Exists(_run.PathOf("second.conf")).ShouldBeFalse();
        File.ReadAllText(_run.PathOf("first.conf")).ShouldBe("one\n", "a run without the lock undid what is now another run's to recover");
        var journal = Directory.GetDirectories(Directory.GetDirectories(_run.JournalRoot).ShouldHaveSingleItem()).ShouldHaveSingleItem();
        File.ReadAllText(Path.Combine(journal, "state")).Trim().ShouldBe("open");
        _run.Host.AskedAfterLockLost.ShouldBe(1, "after the command that found the lock lost, the engine asked for more (a rollback, a commit)");
    }

    private const string Irreversible = """
        - name: irreversible
          hosts: all
          stages:
            - name: mixed
              tasks:
                - name: a file
                  copy: { dest: ROOT/f.conf, content: "x\n" }
                - name: a command nobody can undo
                  command: { cmd: "echo ran >> ROOT/side-effect" }
                - name: then fail
                  command: { cmd: "exit 3" }
        """;

    [Fact]
    public async Task A_rollback_never_reports_as_undone_a_step_declared_irreversible()
    {
        var result = await _run.RunAsync(Irreversible);

        var stage = result.Hosts[0].Stages.ShouldHaveSingleItem();
        stage.Status.ShouldBe(RunStatus.RolledBack, stage.Message);
        stage.NotUndone.ShouldBe(["task 'a command nobody can undo': what a command changes is not known: name the paths it changes with the task's touches: (or creates:) so an undo restores them"]);
        stage.Message.ShouldNotBeNull().ShouldContain("EXCEPT what cannot be undone: task 'a command nobody can undo'");
        File.Exists(_run.PathOf("f.conf")).ShouldBeFalse();
        File.ReadAllText(_run.PathOf("side-effect")).ShouldBe("ran\n", "the report must not claim this was undone, and nothing did undo it");
    }

    [Fact]
    public async Task Check_mode_says_which_predicted_changes_cannot_be_undone()
    {
        var check = await _run.RunAsync(Irreversible, new RunOptions { Check = true });

        check.Hosts[0].Tasks.Select(t => (t.Task, t.Irreversible is not null)).ShouldBe([("a file", false), ("a command nobody can undo", true), ("then fail", true)]);
    }

    private const string Validated = """
        - name: validated
          hosts: all
          stages:
            - name: conf
              tasks:
                - name: first part
                  copy: { dest: ROOT/conf.d/a, content: "A\n", validate: "cat ROOT/conf.d/* >> ROOT/checks; ! grep -q bad ROOT/conf.d/*" }
                  notify: reload
                - name: second part
                  copy: { dest: ROOT/conf.d/b, content: "B\n", validate: "cat ROOT/conf.d/* >> ROOT/checks; ! grep -q bad ROOT/conf.d/*" }
                  notify: reload
              handlers:
                - name: reload
                  command: { cmd: "echo reloaded >> ROOT/checks" }
        """;

    [Fact]
    public async Task A_stage_check_runs_once_after_all_its_tasks_and_before_its_handlers()
    {
        Directory.CreateDirectory(_run.PathOf("conf.d"));
        var result = await _run.RunAsync(Validated);

        result.ExitCode.ShouldBe(2, result.Hosts[0].Message);
        File.ReadAllText(_run.PathOf("checks")).ShouldBe("A\nB\nreloaded\n", "one check, seeing both tasks' files, then the handler");
    }

    [Fact]
    public async Task A_stage_check_that_fails_rolls_the_whole_stage_back_before_any_handler_runs()
    {
        Directory.CreateDirectory(_run.PathOf("conf.d"));
        var result = await _run.RunAsync(Validated.Replace("\"B\\n\"", "\"bad\\n\"", StringComparison.Ordinal));

        var stage = result.Hosts[0].Stages.ShouldHaveSingleItem();
        stage.Status.ShouldBe(RunStatus.RolledBack, stage.Message);
        stage.Message.ShouldNotBeNull().ShouldContain("the stage's check 'validate: cat");
        File.Exists(_run.PathOf("conf.d/a")).ShouldBeFalse();
        File.Exists(_run.PathOf("conf.d/b")).ShouldBeFalse();
        File.ReadAllText(_run.PathOf("checks")).ShouldNotContain("reloaded");
    }

    /// <summary>A stage left open, as a controller killed mid-stage leaves it (here: a fault with --no-rollback).</summary>
    private async Task LeaveStageOpen()
    {
        _run.Host.ThrowOn = "set -- " + _run.PathOf("second.conf") + " " + _run.PathOf(".provision-"); // its upload, not its journal entry
        var interrupted = await _run.RunAsync(TwoFiles, new RunOptions { NoRollback = true });
        interrupted.Hosts[0].Status.ShouldBe(RunStatus.Failed);
        _run.Host.ThrowOn = null;
        File.ReadAllText(_run.PathOf("first.conf")).ShouldBe("one\n");
    }

    [Fact]
    public async Task Recovery_undoes_an_unfinished_stage_and_lists_what_it_undid()
    {
        await LeaveStageOpen();
        var events = new RecordingEvents();
        var next = await _run.RunAsync(TwoFiles, events: events);

        var recovered = next.Hosts[0].Recovered.ShouldHaveSingleItem();
        recovered.ShouldContain("unfinished stage 1 'files'");
        recovered.ShouldContain($"removed {_run.PathOf("first.conf")} (absent before the stage)");
        events.Recovered.ShouldBe([recovered]);
        next.ExitCode.ShouldBe(2);
    }

    [Fact]
    public async Task Recovery_stops_the_host_when_what_the_stage_recorded_changed_since_and_undoes_nothing()
    {
        await LeaveStageOpen();
        File.WriteAllText(_run.PathOf("first.conf"), "edited by the admin after the run stopped\n");

        var next = await _run.RunAsync(TwoFiles);

        next.ExitCode.ShouldBe(1);
        var host = next.Hosts[0];
        host.Stages.ShouldBeEmpty();
        host.Message.ShouldNotBeNull();
        host.Message.ShouldContain($"changed since: {_run.PathOf("first.conf")}");
        host.Message.ShouldContain("Nothing was undone");
        host.Message.ShouldContain("provision rollback");
        host.Message.ShouldContain("--journal ");
        host.Message.ShouldContain("--discard-journal");
        File.ReadAllText(_run.PathOf("first.conf")).ShouldBe("edited by the admin after the run stopped\n");

        var discarded = await _run.RunAsync(TwoFiles, new RunOptions { DiscardJournal = true });
        discarded.Hosts[0].Recovered.ShouldHaveSingleItem().ShouldContain("left as it is");
        discarded.ExitCode.ShouldBe(2);
        File.ReadAllText(_run.PathOf("first.conf")).ShouldBe("one\n");
    }

    [Fact]
    public async Task Check_mode_says_what_recovery_would_do_and_counts_it_as_drift()
    {
        await LeaveStageOpen();
        var check = await _run.RunAsync(TwoFiles, new RunOptions { Check = true });
        check.Hosts[0].Recovered.ShouldHaveSingleItem().ShouldStartWith("would roll back unfinished stage 1 'files'");
        check.ExitCode.ShouldBe(2);
        File.ReadAllText(_run.PathOf("first.conf")).ShouldBe("one\n");
    }

    private sealed class RecordingEvents : IRunEvents
    {
        public List<string> Recovered { get; } = [];
        void IRunEvents.Recovered(string host, string what) => Recovered.Add(what);
    }
}
