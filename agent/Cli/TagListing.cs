using Provisioner.Execution;
using Provisioner.Templating;

namespace Provisioner.Cli;

/// <summary>--list-tags: each play's and stage's task tags, as ansible-playbook lists them ("TASK TAGS: [a, b]").</summary>
public static class TagListing
{
    public static void Write(PreparedRun prepared, RunOptions options, TextWriter output, SecretSet secrets)
    {
        output.WriteLine(Reporting.Printable.Shown(secrets, $"playbook: {prepared.Playbook!.File}"));
        foreach (var (play, number) in prepared.Playbook.Plays.Select((p, i) => (p, i + 1)))
        {
            var stages = play.Stages.Where(s => options.Stages.Includes(s.Number, s.Name)).ToList();
            output.WriteLine();
            output.WriteLine(Reporting.Printable.Shown(secrets, $"  play #{number} ({play.Hosts}): {play.Name}\tTASK TAGS: [{Tags(stages.SelectMany(s => s.Tasks))}]"));
            foreach (var stage in stages)
                output.WriteLine(Reporting.Printable.Shown(secrets, $"    stage {stage.Number} {stage.Name}\tTASK TAGS: [{Tags(stage.Tasks)}]"));
        }
    }

    private static string Tags(IEnumerable<Playbooks.TaskSpec> tasks) =>
        string.Join(", ", tasks.SelectMany(t => t.Tags).Distinct().Order(StringComparer.Ordinal));
}
