using System.Collections;
using Provisioner.Templating;
using Provisioner.Yaml;

namespace Provisioner.Playbooks;

/// <summary>
/// Visits one play for one host as a run would: each stage's tasks and handlers in order (a
/// registered result is known to the tasks after its own), once per loop item, then the stage's
/// probes, each with its own stage and task vars. What only a run can know (facts, registered results,
/// items of a loop over them) is stood in for by <c>unknown()</c>.
/// </summary>
internal sealed class PlayWalk(Func<object> unknown)
{
    public void Each(Play play, Vars vars, Diagnostics d, Action<TaskSpec, Vars> task, Action<ProbeSpec, Vars> probe)
    {
        vars = vars.With("facts", unknown());
        foreach (var stage in play.Stages)
        {
            foreach (var t in stage.Tasks.Concat(stage.Handlers))
            {
                foreach (var itemVars in LoopVars(t.Loop, ScopedVars.Apply(vars, t.ScopeVars), t.Source?.Get("loop")?.Span ?? t.Span, d)) task(t, itemVars);
                if (t.Register is { } r) vars = vars.With(r, unknown());
            }
            foreach (var p in stage.Verify)
                foreach (var itemVars in LoopVars(p.Loop, ScopedVars.Apply(vars, p.ScopeVars), p.Source?.Get("loop")?.Span ?? p.Span, d)) probe(p, itemVars);
        }
    }

    /// <summary>The variables of each loop iteration: <c>item</c> set to each element (one pass without a loop).</summary>
    private IEnumerable<Vars> LoopVars(Node? loop, Vars vars, SourceSpan span, Diagnostics d)
    {
        switch (loop)
        {
            case null:
                return [vars];
            case ListNode list:
                var rendered = (ListNode)NodeRenderer.Render(list, vars, d);
                return rendered.Items.Count == 0 ? [vars.With("item", unknown())]
                    : rendered.Items.Select(i => vars.With("item", Vars.FromNode(i, vars.Secrets)));
            case ScalarNode s when TemplateEngine.TryWholeValue(s.Value, vars, out var value):
                if (value is IEnumerable e and not string and not IDictionary and not IReadOnlyDictionary<string, object?>)
                {
                    var items = e.Cast<object?>().ToList();
                    return items.Count == 0 ? [vars.With("item", unknown())] : items.Select(i => vars.With("item", i));
                }
                d.Add(span, $"'loop' must give a list, but {s.Value.Trim()} is {(value is null ? "empty" : "not a list")}", "point loop at a list variable, or write loop: [a, b]");
                return [vars.With("item", unknown())];
            case ScalarNode s:
                // Not a plain reference (facts.*, a filter, a registered result): check what can be checked.
                var r = TemplateEngine.Render(s.Value, vars);
                if (!r.Ok) d.Add(span, r.Problem, r.Fix ?? (r.Undefined.Count > 0 ? HostRenderCheck.UndefinedFix : "fix the template syntax"));
                return [vars.With("item", unknown())];
            default:
                return [vars];
        }
    }
}
