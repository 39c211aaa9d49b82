using Provisioner.Modules;
using Provisioner.Probes;
using Provisioner.Templating;
using Provisioner.Yaml;

namespace Provisioner.Playbooks;

/// <summary>
/// Binds every task's arguments for one host as a run would, and checks every probe's rendered
/// arguments against its spec, so what binding refuses (a relative path, a symbolic mode, a bad
/// account name, a port that is not a number) is a located error before any connection. Arguments
/// that use what only a run knows (<see cref="Unresolved"/>) are bound when the task runs instead;
/// render errors were reported by <see cref="HostRenderCheck"/>.
/// </summary>
internal sealed class ArgBindCheck(ModuleRegistry modules, ProbeRegistry probes, string baseDirectory)
{
    public void Check(Play play, Vars vars, Diagnostics d) =>
        new PlayWalk(() => Unresolved.Value).Each(play, vars, new Diagnostics(), (task, itemVars) => Task(task, itemVars, d), (probe, itemVars) => Probe(probe, itemVars, d));

    private void Task(TaskSpec task, Vars vars, Diagnostics d)
    {
        if (modules.Find(task.Module) is { } module && Rendered(task.Args, vars) is { } args)
            module.Bind(new ArgReader(args, d) { BaseDirectory = baseDirectory, Vars = vars, Validating = true });
    }

    private void Probe(ProbeSpec probe, Vars vars, Diagnostics d)
    {
        if (probes.Find(probe.Kind) is { } kind && Rendered(probe.Args, vars) is { } args)
            ArgChecker.CheckRendered(probe.Kind, args, kind.Spec, d);
    }

    private static MapNode? Rendered(MapNode args, Vars vars)
    {
        var d = new Diagnostics();
        return NodeRenderer.Render(args, vars, d) is MapNode rendered && !d.HasErrors && !Unresolved.In(rendered) ? rendered : null;
    }
}
