using Provisioner.Execution;

namespace Provisioner.Tests.Execution;

/// <summary>
/// File and postconf reads are shared through the run's read cache (<see cref="Provisioner.Reads.CachingRemoteHost"/>),
/// and a stage's reads are sent ahead in one round trip: tasks reading the same path run one read, and
/// a stage's tasks one batch — until anything changes the host, after which every read is taken again.
/// Driven through the real engine on this machine.
/// </summary>
public sealed class ReadCacheTests : IDisposable
{
    private readonly LocalRun _run = new();

    public void Dispose() => _run.Dispose();

    private static string Play(string tasks) => $"""
        - name: cache
          hosts: all
          stages:
            - name: only
              tasks:
        {tasks}
        """;

    /// <summary>How many file reads (file-read.sh) of the path reached the host.</summary>
    private int FileReadsOf(string name) =>
        _run.Host.Ran.Count(t => t.StartsWith($"set -- {Provisioner.Transport.ShellQuote.Quote(_run.PathOf(name))} ", StringComparison.Ordinal)
            && t.Contains("Reads one path for the file modules", StringComparison.Ordinal));

    private Task<IReadOnlyList<(string, RunStatus)>> Apply(string tasks) => Run(Play(tasks), stages: 1);

    /// <summary>Applies the playbook; every task's status, stage after stage.</summary>
    private async Task<IReadOnlyList<(string, RunStatus)>> Run(string playbook, int stages)
    {
        var result = await _run.RunAsync(playbook);
        result.Hosts[0].Message.ShouldBeNull();
        result.Hosts[0].Stages.Count.ShouldBe(stages);
        return result.Hosts[0].Stages.SelectMany(s => s.Tasks).Select(t => (t.Task, t.Status)).ToList();
    }

    [Fact]
    public async Task A_read_after_a_write_in_the_same_stage_sees_the_write()
    {
        File.WriteAllText(_run.PathOf("f.conf"), "one\n");
        var statuses = await Apply("""
                - name: one is there
                  lineinfile: { path: ROOT/f.conf, line: one }
                - name: two added
                  lineinfile: { path: ROOT/f.conf, line: two }
                - name: three added after two
                  lineinfile: { path: ROOT/f.conf, line: three }
        """);
        // A read kept from before "two added" wrote would make the third task drop "two".
        File.ReadAllText(_run.PathOf("f.conf")).ShouldBe("one\ntwo\nthree\n");
        statuses.ShouldBe([("one is there", RunStatus.Ok), ("two added", RunStatus.Changed), ("three added after two", RunStatus.Changed)]);
        FileReadsOf("f.conf").ShouldBeGreaterThanOrEqualTo(3, "the first two share a read; every write makes the next read run again");
    }

    [Fact]
    public async Task Drift_a_command_makes_between_two_tasks_is_seen_by_the_next_read()
    {
        File.WriteAllText(_run.PathOf("f.conf"), "a\n");
        var statuses = await Apply("""
                - name: a is there
                  lineinfile: { path: ROOT/f.conf, line: a }
                - name: something else rewrites the file
                  command: { cmd: "printf 'b\\n' > ROOT/f.conf" }
                - name: a is there again
                  lineinfile: { path: ROOT/f.conf, line: a }
        """);
        statuses[2].ShouldBe(("a is there again", RunStatus.Changed));
        File.ReadAllText(_run.PathOf("f.conf")).ShouldBe("b\na\n");
    }

    [Fact]
    public async Task Tasks_reading_the_same_path_on_an_unchanged_host_share_one_read()
    {
        File.WriteAllText(_run.PathOf("f.conf"), "x\ny\nz\n");
        var statuses = await Apply("""
                - name: each line there
                  lineinfile: { path: ROOT/f.conf, line: "{{ item }}" }
                  loop: [x, y, z]
                - name: and once more
                  lineinfile: { path: ROOT/f.conf, line: x }
        """);
        statuses.ShouldBe([("each line there", RunStatus.Ok), ("and once more", RunStatus.Ok)]);
        FileReadsOf("f.conf").ShouldBe(1);
    }

    [Fact]
    public async Task A_change_between_two_runs_is_seen_the_cache_lives_for_one_run_only()
    {
        File.WriteAllText(_run.PathOf("f.conf"), "a\n");
        const string Tasks = """
                - name: a is there
                  lineinfile: { path: ROOT/f.conf, line: a }
        """;
        (await Apply(Tasks)).ShouldBe([("a is there", RunStatus.Ok)]);
        File.WriteAllText(_run.PathOf("f.conf"), "b\n");
        (await Apply(Tasks)).ShouldBe([("a is there", RunStatus.Changed)]);
        File.ReadAllText(_run.PathOf("f.conf")).ShouldBe("b\na\n");
    }

    private int Batches => _run.Host.Ran.Count(t => t.Contains("@@provision-read-", StringComparison.Ordinal));

    [Fact]
    public async Task A_stage_on_an_unchanged_host_reads_in_one_round_trip()
    {
        File.WriteAllText(_run.PathOf("a.conf"), "a\n");
        File.WriteAllText(_run.PathOf("b.conf"), "b\n");
        var statuses = await Apply("""
                - name: a there
                  lineinfile: { path: ROOT/a.conf, line: a }
                - name: b there
                  lineinfile: { path: ROOT/b.conf, line: b }
                - name: c dir there
                  file: { path: ROOT, state: directory }
        """);
        statuses.ShouldBe([("a there", RunStatus.Ok), ("b there", RunStatus.Ok), ("c dir there", RunStatus.Ok)]);
        Batches.ShouldBe(1);
        FileReadsOf("a.conf").ShouldBe(0, "answered from the batch");
        FileReadsOf("b.conf").ShouldBe(0, "answered from the batch");
    }

    private Task<IReadOnlyList<(string, RunStatus)>> ApplyTwoStages(string first, string second) => Run($"""
        - name: cache
          hosts: all
          stages:
            - name: first
              tasks:
        {first}
            - name: second
              tasks:
        {second}
        """, stages: 2);

    [Fact]
    public async Task A_run_that_changes_nothing_reads_every_stage_in_one_round_trip()
    {
        File.WriteAllText(_run.PathOf("a.conf"), "a\n");
        File.WriteAllText(_run.PathOf("b.conf"), "b\n");
        var statuses = await ApplyTwoStages("""
                    - name: a there
                      lineinfile: { path: ROOT/a.conf, line: a }
            """, """
                    - name: b there
                      lineinfile: { path: ROOT/b.conf, line: b }
            """);
        statuses.ShouldBe([("a there", RunStatus.Ok), ("b there", RunStatus.Ok)]);
        Batches.ShouldBe(1);
        FileReadsOf("a.conf").ShouldBe(0, "answered from the batch");
        FileReadsOf("b.conf").ShouldBe(0, "answered from the batch");
    }

    [Fact]
    public async Task A_later_stage_reads_again_after_an_earlier_stage_changed_the_host()
    {
        File.WriteAllText(_run.PathOf("b.conf"), "b\n");
        File.WriteAllText(_run.PathOf("c.conf"), "new\n");
        // The command reads nothing, so the second stage's reads of b and c go ahead in the batch sent
        // before the first stage; b's answer kept past the command would have the second add "new" to "b".
        var statuses = await ApplyTwoStages("""
                    - name: b rewritten
                      command: { cmd: "printf 'new\\n' > ROOT/b.conf" }
            """, """
                    - name: new there
                      lineinfile: { path: "ROOT/{{ item }}", line: new }
                      loop: [b.conf, c.conf]
            """);
        statuses.ShouldBe([("b rewritten", RunStatus.Changed), ("new there", RunStatus.Ok)]);
        File.ReadAllText(_run.PathOf("b.conf")).ShouldBe("new\n");
    }

    [Fact]
    public async Task A_read_sent_ahead_is_not_used_after_a_command_changed_the_host()
    {
        File.WriteAllText(_run.PathOf("a.conf"), "a\n");
        File.WriteAllText(_run.PathOf("b.conf"), "b\n");
        var statuses = await Apply("""
                - name: a there
                  lineinfile: { path: ROOT/a.conf, line: a }
                - name: something else rewrites b
                  command: { cmd: "printf 'c\\n' > ROOT/b.conf" }
                - name: b there
                  lineinfile: { path: ROOT/b.conf, line: b }
        """);
        Batches.ShouldBe(1, "both reads went ahead");
        statuses[2].ShouldBe(("b there", RunStatus.Changed));
        File.ReadAllText(_run.PathOf("b.conf")).ShouldBe("c\nb\n");
    }

    [Fact]
    public async Task A_read_sent_ahead_is_not_used_after_an_earlier_task_wrote()
    {
        // The copy and the file task read b differently (with and without content): both go ahead.
        File.WriteAllText(_run.PathOf("b.conf"), "b\n");
        File.SetUnixFileMode(_run.PathOf("b.conf"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var statuses = await Apply("""
                - name: b replaced, readable by all
                  copy: { dest: ROOT/b.conf, content: "new\n", mode: "0644" }
                - name: b private again
                  file: { path: ROOT/b.conf, mode: "0600" }
        """);
        Batches.ShouldBe(1);
        statuses.ShouldBe([("b replaced, readable by all", RunStatus.Changed), ("b private again", RunStatus.Changed)]);
        File.GetUnixFileMode(_run.PathOf("b.conf")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public async Task A_task_whose_condition_needs_an_earlier_result_reads_when_it_runs()
    {
        File.WriteAllText(_run.PathOf("a.conf"), "a\n");
        File.WriteAllText(_run.PathOf("b.conf"), "b\n");
        var statuses = await Apply("""
                - name: a there
                  lineinfile: { path: ROOT/a.conf, line: a }
                  register: first
                - name: b there
                  lineinfile: { path: ROOT/b.conf, line: b }
                - name: only after a changed
                  lineinfile: { path: ROOT/c.conf, line: c, create: true }
                  when: first.changed
        """);
        statuses.ShouldBe([("a there", RunStatus.Ok), ("b there", RunStatus.Ok), ("only after a changed", RunStatus.Skipped)]);
        File.Exists(_run.PathOf("c.conf")).ShouldBeFalse();
    }
}
