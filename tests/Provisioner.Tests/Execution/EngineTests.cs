using Provisioner.Execution;

namespace Provisioner.Tests.Execution;

/// <summary>
/// The engine's promises on <see cref="LocalHost"/>: check predicts exactly what apply changes, a
/// re-apply changes nothing, handlers run once at the stage's end, a failure undoes every module's
/// change, and a change that does not hold fails as "did not converge".
/// </summary>
public sealed class EngineTests : IDisposable
{
    private readonly LocalRun _run = new();

    public void Dispose() => _run.Dispose();

    private const string Files = """
        - name: files
          hosts: all
          stages:
            - name: config
              tasks:
                - name: a directory
                  file: { path: ROOT/etc/app.d, state: directory, mode: "0750" }
                - name: a file in it
                  copy: { dest: ROOT/etc/app.d/app.conf, content: "port = 1\n", mode: "0640" }
                  notify: [reload app, restart app]
                - name: a rendered file
                  template: { src: ROOT/app.liquid, dest: ROOT/etc/app.d/rendered.conf }
                - name: a line in a file the playbook does not own
                  lineinfile: { path: ROOT/etc/hosts.local, line: "10.0.0.1 app", create: true }
                  notify: restart app
                - name: a guarded command
                  command: { cmd: "echo built > ROOT/etc/app.d/built", creates: ROOT/etc/app.d/built }
              handlers:
                - name: restart app
                  command: { cmd: "echo restart >> ROOT/handlers.log" }
                - name: reload app
                  command: { cmd: "echo reload >> ROOT/handlers.log" }
        """;

    private static IReadOnlyList<(string, RunStatus)> Statuses(RunResult run) =>
        run.Hosts[0].Stages.SelectMany(s => s.Tasks).Select(t => (t.Task, t.Status)).ToList();

    [Fact]
    public async Task Check_predicts_what_apply_changes_and_a_second_apply_and_check_change_nothing()
    {
        File.WriteAllText(_run.PathOf("app.liquid"), "host {{ facts.hostname }}\n");
        var check = await _run.RunAsync(Files, new RunOptions { Check = true });
        Directory.Exists(_run.PathOf("etc")).ShouldBeFalse("check changed the host");
        var apply = await _run.RunAsync(Files);

        apply.ExitCode.ShouldBe(2, apply.Hosts[0].Message);
        Statuses(check).ShouldBe(Statuses(apply));
        check.ExitCode.ShouldBe(2);
        (await _run.RunAsync(Files)).ExitCode.ShouldBe(0);
        (await _run.RunAsync(Files, new RunOptions { Check = true })).ExitCode.ShouldBe(0);
    }

    [Fact]
    public async Task Handlers_run_once_each_at_the_stage_end_in_definition_order_and_only_when_notified_by_a_change()
    {
        File.WriteAllText(_run.PathOf("app.liquid"), "x\n");
        var first = await _run.RunAsync(Files);
        File.ReadAllText(_run.PathOf("handlers.log")).ShouldBe("restart\nreload\n");
        first.Hosts[0].Stages[0].Tasks.Where(t => t.Handler).Select(t => t.Task).ShouldBe(["restart app", "reload app"]);

        await _run.RunAsync(Files);
        File.ReadAllText(_run.PathOf("handlers.log")).ShouldBe("restart\nreload\n");
    }

    [Fact]
    public async Task A_failing_task_undoes_every_module_change_of_its_stage()
    {
        File.WriteAllText(_run.PathOf("app.liquid"), "x\n");
        Directory.CreateDirectory(_run.PathOf("etc"));
        File.WriteAllText(_run.PathOf("etc/hosts.local"), "127.0.0.1 localhost\n");
        var failing = Files.Replace("\n      handlers:", "\n        - name: then it fails\n          command: { cmd: \"exit 7\" }\n      handlers:", StringComparison.Ordinal);
        failing.ShouldContain("then it fails");

        var run = await _run.RunAsync(failing);

        run.ExitCode.ShouldBe(1);
        var stage = run.Hosts[0].Stages.ShouldHaveSingleItem();
        stage.Status.ShouldBe(RunStatus.RolledBack, stage.Message);
        stage.Message.ShouldNotBeNull().ShouldContain("exit 7");
        Directory.Exists(_run.PathOf("etc/app.d")).ShouldBeFalse("the directory, its files and the command's output stayed");
        File.ReadAllText(_run.PathOf("etc/hosts.local")).ShouldBe("127.0.0.1 localhost\n");
        File.Exists(_run.PathOf("handlers.log")).ShouldBeFalse("handlers ran for a stage that failed");
    }

    [Fact]
    public async Task A_change_that_does_not_hold_fails_as_not_converged_and_is_undone()
    {
        var run = await _run.RunAsync("""
            - name: converge
              hosts: all
              stages:
                - name: only
                  tasks:
                    - name: a command that never makes what it promises
                      command: { cmd: "true", creates: ROOT/never }
            """);

        var task = run.Hosts[0].Stages.ShouldHaveSingleItem().Tasks.ShouldHaveSingleItem();
        task.Status.ShouldBe(RunStatus.Failed);
        task.Message.ShouldNotBeNull().ShouldStartWith("did not converge: after applying, a second plan still wants: run true");
    }

    [Fact]
    public async Task Skipped_tagged_and_conditional_tasks_are_reported_for_what_they_are()
    {
        var run = await _run.RunAsync("""
            - name: selection
              hosts: all
              stages:
                - name: only
                  tasks:
                    - name: never on this host
                      copy: { dest: ROOT/a, content: "a" }
                      when: facts.os_family == "no-such-family"
                    - name: tagged elsewhere
                      copy: { dest: ROOT/b, content: "b" }
                      tags: [other]
                    - name: per item
                      copy: { dest: "ROOT/{{ item }}", content: "{{ item }}" }
                      loop: [c, d]
                      when: item != "d"
            """, new RunOptions { SkipTags = ["other"] });

        Statuses(run).ShouldBe([("never on this host", RunStatus.Skipped), ("per item", RunStatus.Changed)]);
        File.Exists(_run.PathOf("c")).ShouldBeTrue();
        File.Exists(_run.PathOf("d")).ShouldBeFalse();
        File.Exists(_run.PathOf("b")).ShouldBeFalse();
    }
}
