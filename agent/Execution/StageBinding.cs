using Provisioner.Modules;
using Provisioner.Playbooks;
using Provisioner.Templating;
using Provisioner.Yaml;

namespace Provisioner.Execution;

/// <summary>
/// A stage's tasks bound before the stage runs, one per loop item, from what their arguments tell at
/// that point: what the journal records ahead (<see cref="StagePaths"/>) and the reads sent ahead
/// (<see cref="StageReads"/>) both come from here. A task whose arguments do not render yet (they use
/// a result registered later in the stage) is left out; one that renders but does not bind has no
/// <see cref="Bound.Args"/>.
/// </summary>
public static class StageBinding
{
    public sealed record Bound(TaskSpec Task, IModule Module, Vars Vars, object? Args, Diagnostics Diagnostics);

    public static IEnumerable<Bound> Ahead(HostSession session, IEnumerable<TaskSpec> tasks)
    {
        foreach (var task in tasks)
        {
            if (session.Modules.Find(task.Module) is not { } module) continue;
            foreach (var vars in LoopVars(ScopedVars.Apply(session.Vars, task.ScopeVars), task))
            {
                var d = new Diagnostics();
                if (NodeRenderer.Render(task.Args, vars, d) is not MapNode rendered || d.HasErrors) continue;
                var args = module.Bind(new ArgReader(rendered, d) { BaseDirectory = session.BaseDirectory, Vars = vars, Facts = session.Facts });
                yield return new Bound(task, module, vars, args, d);
            }
        }
    }

    private static IEnumerable<Vars> LoopVars(Vars vars, TaskSpec task)
    {
        if (task.Loop is null) return [vars];
        var d = new Diagnostics();
        return NodeRenderer.Render(task.Loop, vars, d) is ListNode list && !d.HasErrors
            ? list.Items.Select(i => vars.With("item", Vars.FromNode(i, vars.Secrets)))
            : [];
    }
}
