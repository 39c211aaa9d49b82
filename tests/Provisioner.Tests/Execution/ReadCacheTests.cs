using Provisioner.Execution;

namespace Provisioner.Tests.Execution;

/// <summary>
/// File and postconf reads are shared through the run's read cache (<see cref="Provisioner.Transport.CachingRemoteHost"/>):
/// tasks reading the same path run one read — until anything changes the host, after which every read
/// is taken again. Driven through the real engine on this machine.
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

    private async Task<IReadOnlyList<(string, RunStatus)>> Apply(string tasks)
    {
        var result = await _run.RunAsync(Play(tasks));
        result.Hosts[0].Message.ShouldBeNull();
        return result.Hosts[0].Stages.ShouldHaveSingleItem().Tasks.Select(t => (t.Task, t.Status)).ToList();
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
}
