using Provisioner.Cli;
using Provisioner.Modules;
using Provisioner.Probes;
using Provisioner.Playbooks;
using Provisioner.Yaml;

namespace Provisioner.Tests.CliTests;

/// <summary>Issue 26, item 10: --step asks before each task, as ansible-playbook does.</summary>
public sealed class StepPromptTests
{
    private static readonly TaskSpec Task = ParsedTask();

    private static (StepPrompt Prompt, StringWriter Output) Prompt(string answers)
    {
        var output = new StringWriter();
        return (new StepPrompt(new StringReader(answers), output), output);
    }

    [Theory]
    [InlineData("y\n", true)]
    [InlineData("YES\n", true)]
    [InlineData("n\n", false)]
    [InlineData("\n", false)]    // Ansible's default is (N)o
    [InlineData("", false)]      // end of input: skip, never run unasked
    public void The_answer_decides_the_task(string answer, bool runs)
    {
        var (prompt, output) = Prompt(answer);

        prompt.Ask("web1", Task).ShouldBe(runs);
        output.ToString().ShouldBe($"Perform task: {Task.Name} on web1 (N)o/(y)es/(c)ontinue: ");
    }

    [Fact]
    public void Continue_runs_the_rest_without_asking()
    {
        var (prompt, output) = Prompt("c\nn\n");

        prompt.Ask("web1", Task).ShouldBeTrue();
        prompt.Ask("web1", Task).ShouldBeTrue();
        prompt.Ask("web2", Task).ShouldBeTrue();
        output.ToString().Split("Perform task:").Length.ShouldBe(2);
    }

    [Fact]
    public void Another_answer_asks_again()
    {
        var (prompt, output) = Prompt("maybe\ny\n");

        prompt.Ask("web1", Task).ShouldBeTrue();
        output.ToString().Split("Perform task:").Length.ShouldBe(3);
    }

    /// <summary>One parsed task to ask about.</summary>
    private static TaskSpec ParsedTask()
    {
        var path = Path.Combine(Path.GetTempPath(), $"step-{Guid.NewGuid():N}.yml");
        File.WriteAllText(path, "- hosts: all\n  stages:\n    - name: one\n      tasks:\n        - name: restart postfix\n          command: 'true'\n");
        try { return PlaybookParser.Parse(path, ModuleRegistry.Default, ProbeRegistry.Default, new Diagnostics())!.Plays[0].Stages[0].Tasks[0]; }
        finally { File.Delete(path); }
    }
}
