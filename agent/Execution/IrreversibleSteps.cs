using Provisioner.Modules;
using Provisioner.Playbooks;

namespace Provisioner.Execution;

/// <summary>
/// The tasks whose change a rollback may not take back, known from the playbook alone (a command
/// without creates or touches; a package upgraded or removed): validate and --list-tasks name them
/// and their stages, so an operator knows before a run what an undo cannot do.
/// </summary>
public static class IrreversibleSteps
{
    public sealed record Step(Play Play, Stage Stage, TaskSpec Task, string Why);

    public static IReadOnlyList<Step> Of(Playbook playbook, ModuleRegistry modules) =>
        [.. from play in playbook.Plays
            from stage in play.Stages
            from task in stage.Tasks.Concat(stage.Handlers)
            let why = Why(task, modules)
            where why is not null
            select new Step(play, stage, task, why)];

    /// <summary>Why the task's change may not be undone, or null; a task's touches: name what it changes.</summary>
    public static string? Why(TaskSpec task, ModuleRegistry modules) =>
        task.Touches is null ? modules.Find(task.Module)?.IrreversibleHint(task.Args) : null;
}
