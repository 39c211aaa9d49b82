using Provisioner.Playbooks;
using Provisioner.Yaml;

namespace Provisioner.Cli;

/// <summary>
/// --start-at-task NAME: the first task whose name matches (exactly, or as a glob, as Ansible's
/// fnmatch) in playbook order; every task before it, in earlier stages and plays too, is passed over.
/// </summary>
public static class StartAtTask
{
    public static IReadOnlySet<TaskSpec> Before(Playbook playbook, string name, Diagnostics d)
    {
        var tasks = playbook.Plays.SelectMany(p => p.Stages).SelectMany(s => s.Tasks).ToList();
        var start = tasks.FindIndex(t => t.Name == name);
        if (start < 0) start = tasks.FindIndex(t => Glob.Matches(name, t.Name));
        if (start < 0)
        {
            d.Add(SourceSpan.CommandLine("--start-at-task"), $"no task named '{name}' in {playbook.File}",
                Suggest.DidYouMean(name, tasks.Select(t => t.Name)) is { } s ? $"did you mean '{s}'?" : "give a task's name as --list-tasks prints it");
            return new HashSet<TaskSpec>();
        }
        return tasks.Take(start).ToHashSet(ReferenceEqualityComparer.Instance as IEqualityComparer<TaskSpec>);
    }
}
