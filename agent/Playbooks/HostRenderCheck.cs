using System.Collections;
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
    private const string UndefinedFix = "define it in vars, vars_files, the inventory or with -e";

    public void Check(Play play, Vars vars, Diagnostics d)
    {
        vars = vars.With("facts", Unknown());
        foreach (var stage in play.Stages)
        {
            foreach (var task in stage.Tasks.Concat(stage.Handlers)) vars = CheckTask(task, vars, d);
            foreach (var probe in stage.Verify) CheckProbe(probe, vars, d);
        }
    }

    private static Dictionary<string, object?> Unknown() => [];

    private Vars CheckTask(TaskSpec task, Vars vars, Diagnostics d)
    {
        var span = task.Source?.Get("loop")?.Span ?? task.Span;
        // A task may use its own registered result in changed_when / failed_when.
        var after = task.Register is { } r ? vars.With(r, Unknown()) : vars;
        foreach (var itemVars in LoopVars(task.Loop, vars, span, d))
        {
            RenderScalar(task.Source?.Get("name"), itemVars, d);
            Condition(task.When, task.Source?.Get("when"), itemVars, d);
            var withResult = task.Register is { } reg ? itemVars.With(reg, Unknown()) : itemVars;
            Condition(task.ChangedWhen, task.Source?.Get("changed_when"), withResult, d);
            Condition(task.FailedWhen, task.Source?.Get("failed_when"), withResult, d);
            var rendered = NodeRenderer.Render(task.Args, itemVars, d);
            if (modules.Find(task.Module)?.Name == "template" && rendered is MapNode args)
                TemplateFileCheck.Check(args, task, baseDirectory, itemVars, d);
        }
        return after;
    }

    private static void CheckProbe(ProbeSpec probe, Vars vars, Diagnostics d)
    {
        foreach (var itemVars in LoopVars(probe.Loop, vars, probe.Source?.Get("loop")?.Span ?? probe.Span, d))
        {
            RenderScalar(probe.Source?.Get("name"), itemVars, d);
            Condition(probe.When, probe.Source?.Get("when"), itemVars, d);
            NodeRenderer.Render(probe.Args, itemVars, d);
        }
    }

    private static void RenderScalar(Node? node, Vars vars, Diagnostics d)
    {
        if (node is ScalarNode s) NodeRenderer.Render(s, vars, d);
    }

    private static void Condition(string? expression, Node? node, Vars vars, Diagnostics d)
    {
        if (expression is null) return;
        var (_, error, undefined) = TemplateEngine.Condition(expression, vars);
        var span = node?.Span ?? SourceSpan.None;
        if (error is not null) d.Add(span, error, "fix the condition");
        else if (undefined.Count > 0)
            d.Add(span, $"undefined variable{(undefined.Count > 1 ? "s" : "")} {string.Join(", ", undefined.Select(u => $"'{u}'"))}", UndefinedFix);
    }

    /// <summary>The variables of each loop iteration: <c>item</c> set to each element (one pass without a loop).</summary>
    private static IEnumerable<Vars> LoopVars(Node? loop, Vars vars, SourceSpan span, Diagnostics d)
    {
        switch (loop)
        {
            case null:
                return [vars];
            case ListNode list:
                var rendered = (ListNode)NodeRenderer.Render(list, vars, d);
                return rendered.Items.Count == 0 ? [vars.With("item", Unknown())]
                    : rendered.Items.Select(i => vars.With("item", Templating.Vars.FromNode(i, vars.Secrets)));
            case ScalarNode s when TemplateEngine.TryWholeValue(s.Value, vars, out var value):
                if (value is IEnumerable e and not string and not IDictionary and not IReadOnlyDictionary<string, object?>)
                {
                    var items = e.Cast<object?>().ToList();
                    return items.Count == 0 ? [vars.With("item", Unknown())] : items.Select(i => vars.With("item", i));
                }
                d.Add(span, $"'loop' must give a list, but {s.Value.Trim()} is {(value is null ? "empty" : "not a list")}", "point loop at a list variable, or write loop: [a, b]");
                return [vars.With("item", Unknown())];
            case ScalarNode s:
                // Not a plain reference (facts.*, a filter, a registered result): check what can be checked.
                var r = TemplateEngine.Render(s.Value, vars);
                if (!r.Ok) d.Add(span, r.Problem, r.Fix ?? (r.Undefined.Count > 0 ? UndefinedFix : "fix the template syntax"));
                return [vars.With("item", Unknown())];
            default:
                return [vars];
        }
    }
}
