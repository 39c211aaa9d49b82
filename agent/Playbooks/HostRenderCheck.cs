using Provisioner.Modules;
using Provisioner.Templating;
using Provisioner.Yaml;

namespace Provisioner.Playbooks;

/// <summary>
/// Renders one play for one host as a run would, reporting undefined variables and template errors
/// at the scalar that holds them. Names a run would know but validation cannot (facts, registered
/// results) are stood in for by empty mappings, whose members Liquid reads as empty without complaint.
/// </summary>
internal sealed class HostRenderCheck(ModuleRegistry modules, string baseDirectory)
{
    public const string UndefinedFix = "define it in vars, vars_files, the inventory or with -e";

    public void Check(Play play, Vars vars, Diagnostics d)
    {
        foreach (var required in play.RequiredVars.Where(r => !vars.TryResolve(r.Name, out _)))
            d.Add(required.Span, $"required variable '{required.Name}' is not defined", required.Fix);
        new PlayWalk(Unknown).Each(play, vars, d, (task, itemVars) => CheckTask(task, itemVars, d), (probe, itemVars) => CheckProbe(probe, itemVars, d));
    }

    private static Dictionary<string, object?> Unknown() => [];

    private void CheckTask(TaskSpec task, Vars itemVars, Diagnostics d)
    {
        RenderScalar(task.Source?.Get("name"), itemVars, d);
        foreach (var inherited in task.ImportedWhen) Condition(inherited.Expression, inherited.Span, itemVars, d);
        Condition(task.When, task.Source?.Get("when")?.Span, itemVars, d);
        // A task may use its own registered result in changed_when / failed_when.
        var withResult = task.Register is { } reg ? itemVars.With(reg, Unknown()) : itemVars;
        Condition(task.ChangedWhen, task.Source?.Get("changed_when")?.Span, withResult, d);
        Condition(task.FailedWhen, task.Source?.Get("failed_when")?.Span, withResult, d);
        var rendered = NodeRenderer.Render(task.Args, itemVars, d);
        if (rendered is not MapNode args || modules.Find(task.Module) is not { } module) return;
        foreach (var template in module.Spec.Args.Where(a => a.Type == ArgType.TemplateFile))
            TemplateFileCheck.Check(args, template.Name, task, baseDirectory, itemVars, d);
    }

    private static void CheckProbe(ProbeSpec probe, Vars itemVars, Diagnostics d)
    {
        RenderScalar(probe.Source?.Get("name"), itemVars, d);
        Condition(probe.When, probe.Source?.Get("when")?.Span, itemVars, d);
        NodeRenderer.Render(probe.Args, itemVars, d);
    }

    private static void RenderScalar(Node? node, Vars vars, Diagnostics d)
    {
        if (node is ScalarNode s) NodeRenderer.Render(s, vars, d);
    }

    private static void Condition(string? expression, SourceSpan? at, Vars vars, Diagnostics d)
    {
        if (expression is null) return;
        var (_, error, undefined) = TemplateEngine.Condition(expression, vars);
        var span = at ?? SourceSpan.None;
        if (error is not null) d.Add(span, error, "fix the condition");
        else if (undefined.Count > 0)
            d.Add(span, $"undefined variable{(undefined.Count > 1 ? "s" : "")} {string.Join(", ", undefined.Select(u => $"'{u}'"))}", UndefinedFix);
    }
}
