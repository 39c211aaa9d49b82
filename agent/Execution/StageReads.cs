using Provisioner.Playbooks;
using Provisioner.Reads;
using Provisioner.Templating;

namespace Provisioner.Execution;

/// <summary>
/// The reads a stage's tasks will make, as far as their arguments tell before the stage runs, so the
/// engine can send them ahead in one round trip (<see cref="CachingRemoteHost.PrefetchAsync"/>). A guess,
/// never a promise: a task whose condition or arguments need a result registered later in the stage
/// is left out (it reads when it runs), and an answer sent ahead is used only by the read it was sent
/// for and only while nothing has changed the host since — the first change drops them all.
/// </summary>
public static class StageReads
{
    public static IReadOnlyList<AheadRead> Ahead(HostSession session, IEnumerable<TaskSpec> tasks)
    {
        var reads = new List<AheadRead>();
        foreach (var b in StageBinding.Ahead(session, tasks))
        {
            if (b.Args is null) continue;
            if (b.Task.Conditions is { Count: > 0 } conditions && TemplateEngine.AllHold(conditions, b.Vars) is not (true, null, { Count: 0 })) continue;
            var become = b.Task.Become ?? session.Become;
            reads.AddRange(b.Module.ReadCommands(b.Args).Select(r => r with { Command = r.Command with { Become = become } }));
        }
        return reads;
    }
}
