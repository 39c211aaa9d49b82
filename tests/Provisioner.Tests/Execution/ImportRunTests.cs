using Provisioner.Execution;

namespace Provisioner.Tests.Execution;

/// <summary>
/// Issue 26 item 12 through the real engine on <see cref="LocalHost"/>: imported stages and tasks run
/// with the vars, conditions and tags their imports give them, each task with its own.
/// </summary>
public sealed class ImportRunTests : IDisposable
{
    private readonly LocalRun _run = new();
    public void Dispose() => _run.Dispose();

    private void Write(string relative, string text)
    {
        var path = _run.PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.Replace("ROOT", _run.Root, StringComparison.Ordinal));
    }

    private string Read(string relative) => File.ReadAllText(_run.PathOf(relative));

    private const string Playbook = """
        - name: reuse
          hosts: all
          vars: { greeting: play, target: play }
          stages:
            - import_stage: stages/greet.yml
              name: first
              vars: { target: one }
            - import_stage: stages/greet.yml
              name: second
              vars: { target: two }
        """;

    private void WriteStage(string when = "true")
    {
        Write("stages/greet.yml", """
            name: greet
            vars: { greeting: stage }
            tasks:
              - import_tasks: ../tasks/write.yml
                vars: { suffix: "!" }
                when: WHEN
            verify:
              - name: the file holds the stage's greeting
                command: { cmd: "grep -qx '{{ greeting }} {{ target }}!' ROOT/{{ target }}.txt" }
                retries: 0
            """.Replace("WHEN", when, StringComparison.Ordinal));
        Write("tasks/write.yml", """
            - name: write the greeting
              copy: { dest: "ROOT/{{ target }}.txt", content: "{{ greeting }} {{ target }}{{ suffix }}\n" }
            """);
    }

    [Fact]
    public async Task Each_import_runs_with_its_own_vars_and_its_probes_see_them()
    {
        WriteStage();

        var run = await _run.RunAsync(Playbook);

        run.ExitCode.ShouldBe(2, run.Hosts[0].Message);
        (Read("one.txt"), Read("two.txt")).ShouldBe(("stage one!\n", "stage two!\n"));
        run.Hosts[0].Stages.SelectMany(s => s.Probes).Select(p => p.Passed).ShouldBe([true, true]);
        (await _run.RunAsync(Playbook)).ExitCode.ShouldBe(0);
    }

    [Fact]
    public async Task Extra_vars_beat_every_imports_vars()
    {
        WriteStage();

        var run = await _run.RunAsync(Playbook, extraVars: ["greeting=cli"]);

        run.ExitCode.ShouldBe(2, run.Hosts[0].Message);
        Read("one.txt").ShouldBe("cli one!\n");
    }

    [Fact]
    public async Task The_imports_when_decides_for_every_task_it_brings()
    {
        WriteStage(when: "target == \"two\"");

        var run = await _run.RunAsync(Playbook);

        run.ExitCode.ShouldBe(2, run.Hosts[0].Message);
        File.Exists(_run.PathOf("one.txt")).ShouldBeFalse();
        run.Hosts[0].Stages[0].Tasks.Single().Status.ShouldBe(RunStatus.Skipped);
    }

    [Fact]
    public async Task The_imports_tags_select_its_tasks()
    {
        Write("tasks/tagged.yml", "- name: tagged\n  copy: { dest: ROOT/tagged.txt, content: \"x\\n\" }\n");
        const string tagged = """
            - hosts: all
              tasks:
                - import_tasks: tasks/tagged.yml
                  tags: [conf]
                - name: untagged
                  copy: { dest: ROOT/untagged.txt, content: "x\n" }
            """;

        var run = await _run.RunAsync(tagged, new RunOptions { Tags = ["conf"] });

        run.ExitCode.ShouldBe(2, run.Hosts[0].Message);
        (File.Exists(_run.PathOf("tagged.txt")), File.Exists(_run.PathOf("untagged.txt"))).ShouldBe((true, false));
    }
}
