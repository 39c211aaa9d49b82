using Provisioner.Execution;

namespace Provisioner.Tests.Execution;

/// <summary>Files that are right read as right: large ones by checksum, owners given as ids by id.</summary>
public sealed class ConvergenceTests : IDisposable
{
    private readonly LocalRun _run = new();

    public void Dispose() => _run.Dispose();

    private async Task<IReadOnlyList<(string, RunStatus)>> Twice(string tasks, Action? between = null)
    {
        var playbook = $"""
            - name: converge
              hosts: all
              stages:
                - name: only
                  tasks:
            {tasks}
            """;
        var first = await _run.RunAsync(playbook);
        first.Hosts[0].Message.ShouldBeNull();
        first.ExitCode.ShouldBe(2);
        between?.Invoke();
        var again = await _run.RunAsync(playbook);
        return again.Hosts[0].Stages.ShouldHaveSingleItem().Tasks.Select(t => (t.Task, t.Status)).ToList();
    }

    [Fact]
    public async Task A_file_larger_than_4_MiB_converges_and_then_reads_as_unchanged()
    {
        // 100 000 lines of 60 bytes: about 5.7 MiB of rendered text, more than the content read holds.
        File.WriteAllText(_run.PathOf("big.liquid"), "{% for i in (1..100000) %}line {{ i }} ..................................................\n{% endfor %}");
        var statuses = await Twice("""
                    - name: big file
                      template: { src: ROOT/big.liquid, dest: ROOT/big.conf }
            """);
        new FileInfo(_run.PathOf("big.conf")).Length.ShouldBeGreaterThan(4 * 1024 * 1024);
        statuses.ShouldBe([("big file", RunStatus.Ok)]);
    }

    [Fact]
    public async Task A_large_file_that_differs_is_written_again()
    {
        File.WriteAllText(_run.PathOf("big.liquid"), "{% for i in (1..100000) %}line {{ i }} ..................................................\n{% endfor %}");
        var statuses = await Twice("""
                    - name: big file
                      template: { src: ROOT/big.liquid, dest: ROOT/big.conf }
            """, () => File.AppendAllText(_run.PathOf("big.conf"), "edited\n"));
        statuses.ShouldBe([("big file", RunStatus.Changed)]);
    }

    [Fact]
    public async Task Owners_and_groups_given_as_ids_are_compared_as_ids()
    {
        var statuses = await Twice("""
                    - name: owned by id
                      copy: { dest: ROOT/by-id.conf, content: "x\n", owner: "0", group: "0" }
                    - name: a directory owned by id
                      file: { path: ROOT/by-id.d, state: directory, owner: "0", group: "0" }
            """);
        statuses.ShouldBe([("owned by id", RunStatus.Ok), ("a directory owned by id", RunStatus.Ok)]);
    }
}
