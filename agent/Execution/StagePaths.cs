using Provisioner.Journal;
using Provisioner.Modules;
using Provisioner.Playbooks;
using Provisioner.Templating;
using Provisioner.Yaml;

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
        foreach (var task in stage.Tasks.Concat(stage.Handlers))
        {
            if (session.Modules.Find(task.Module) is not { } module) continue;
            foreach (var vars in LoopVars(session.Vars, task))
            {
                var d = new Diagnostics();
                if (NodeRenderer.Render(task.Args, vars, d) is not MapNode rendered || d.HasErrors) continue;
                var args = module.Bind(new ArgReader(rendered, d) { BaseDirectory = session.BaseDirectory, Vars = vars, Facts = session.Facts });
                if (args is not null) items.AddRange(module.Touches(args));
                items.AddRange(TaskTouches.Render(task, vars, d));
            }
        }
        return items;
    }

    internal static IEnumerable<Vars> LoopVars(Vars vars, TaskSpec task)
    {
        if (task.Loop is null) return [vars];
        var d = new Diagnostics();
        return NodeRenderer.Render(task.Loop, vars, d) is ListNode list && !d.HasErrors
            ? list.Items.Select(i => vars.With("item", Vars.FromNode(i, vars.Secrets)))
            : [];
    }
}
