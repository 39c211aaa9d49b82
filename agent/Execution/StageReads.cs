using Provisioner.Modules;
using Provisioner.Playbooks;
using Provisioner.Templating;
using Provisioner.Transport;
using Provisioner.Yaml;

namespace Provisioner.Execution;

/// <summary>
/// The reads a stage's tasks will make, as far as their arguments tell before the stage runs, so the
/// engine can send them ahead in one round trip (<see cref="IRemoteHost.PrefetchAsync"/>). A guess,
/// never a promise: a task whose condition or arguments need a result registered later in the stage
/// is left out (it reads when it runs), and an answer sent ahead is used only by the read it was sent
/// for and only while nothing has changed the host since — the first change drops them all.
/// </summary>
public static class StageReads
{
    public static IReadOnlyList<Command> Ahead(HostSession session, IEnumerable<TaskSpec> tasks)
    {
        var reads = new List<Command>();
        foreach (var task in tasks)
        {
            if (session.Modules.Find(task.Module) is not { } module) continue;
            var become = task.Become ?? session.Become;
            foreach (var vars in StagePaths.LoopVars(session.Vars, task))
            {
                if (task.When is not null && TemplateEngine.Condition(task.When, vars) is not (true, null, { Count: 0 })) continue;
                var d = new Diagnostics();
                if (NodeRenderer.Render(task.Args, vars, d) is not MapNode rendered || d.HasErrors) continue;
                var args = module.Bind(new ArgReader(rendered, d) { BaseDirectory = session.BaseDirectory, Vars = vars, Facts = session.Facts });
                if (args is not null) reads.AddRange(module.ReadCommands(args).Select(c => c with { Become = become }));
            }
        }
        return reads;
    }
}
