using Provisioner.Journal;
using Provisioner.Playbooks;

namespace Provisioner.Execution;

/// <summary>
/// What a stage's tasks and handlers will touch, known from their arguments alone. The journal
/// records all of it with the stage's first change, so a file that a package install in the same
/// stage creates is journaled as absent (as it was), not as the vendor copy it later became.
/// Tasks whose arguments cannot be bound yet (they use a result registered later) are journaled
/// when they run instead.
/// </summary>
public static class StagePaths
{
    public static IEnumerable<JournalItem> Known(HostSession session, Stage stage)
    {
        var items = new List<JournalItem>();
        foreach (var b in StageBinding.Ahead(session, stage.Tasks.Concat(stage.Handlers)))
        {
            if (b.Args is not null) items.AddRange(b.Module.Touches(b.Args));
            items.AddRange(TaskTouches.Render(b.Task, b.Vars, b.Diagnostics));
        }
        return items;
    }
}
