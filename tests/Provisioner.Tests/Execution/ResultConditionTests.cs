using Provisioner.Execution;

namespace Provisioner.Tests.Execution;

/// <summary>changed_when and failed_when decide a command's outcome, with the registered output in scope, as in Ansible.</summary>
public sealed class ResultConditionTests : IDisposable
{
    private readonly LocalRun _run = new();

    public void Dispose() => _run.Dispose();

    private const string Commands = """
        - name: conditions
          hosts: all
          stages:
            - name: only
              tasks:
                - name: a read-only command
                  command: { cmd: "echo hello" }
                  changed_when: false
                - name: changed only when it says so
                  command: { cmd: "echo nothing to do" }
                  register: out
                  changed_when: out.stdout contains "updated"
                - name: says so
                  command: { cmd: "echo updated" }
                  register: out2
                  changed_when: out2.stdout contains "updated"
                - name: a non-zero exit that is fine
                  command: { cmd: "echo three; exit 3" }
                  register: r
                  failed_when: r.rc > 3
                - name: each loop item judged by its own output
                  command: { cmd: "echo {{ item }}" }
                  loop: [same, new]
                  register: items
                  changed_when: items.stdout contains "new"
        """;

    [Fact]
    public async Task Apply_judges_each_command_by_its_conditions()
    {
        var result = await _run.RunAsync(Commands);

        var tasks = result.Hosts[0].Stages.ShouldHaveSingleItem().Tasks;
        tasks.Select(t => (t.Task, t.Status)).ShouldBe([
            ("a read-only command", RunStatus.Ok),
            ("changed only when it says so", RunStatus.Ok),
            ("says so", RunStatus.Changed),
            ("a non-zero exit that is fine", RunStatus.Changed),
            ("each loop item judged by its own output", RunStatus.Changed),
        ]);
        tasks[0].Changes.ShouldBeEmpty();
        tasks[4].Changes.ShouldHaveSingleItem().After.ShouldBe("echo new");
    }

    [Fact]
    public async Task Check_mode_uses_a_condition_that_needs_no_output_and_otherwise_says_it_would_run()
    {
        var result = await _run.RunAsync(Commands, new RunOptions { Check = true });

        result.Hosts[0].Stages.ShouldHaveSingleItem().Tasks.Select(t => (t.Task, t.Status)).ShouldBe([
            ("a read-only command", RunStatus.Ok),
            ("changed only when it says so", RunStatus.Changed),
            ("says so", RunStatus.Changed),
            ("a non-zero exit that is fine", RunStatus.Changed),
            ("each loop item judged by its own output", RunStatus.Changed),
        ]);
    }

    [Fact]
    public async Task Failed_when_fails_a_command_that_exited_zero_and_says_why()
    {
        var result = await _run.RunAsync("""
            - name: conditions
              hosts: all
              stages:
                - name: only
                  tasks:
                    - name: a tool that reports errors on stdout
                      command: { cmd: "echo ERROR: no such map" }
                      register: check
                      failed_when: check.stdout contains "ERROR"
            """);

        var task = result.Hosts[0].Stages.ShouldHaveSingleItem().Tasks.ShouldHaveSingleItem();
        task.Status.ShouldBe(RunStatus.Failed);
        task.Message.ShouldNotBeNull().ShouldContain("failed_when");
        task.Message.ShouldContain("ERROR: no such map");
        result.ExitCode.ShouldBe(1);
    }
}
