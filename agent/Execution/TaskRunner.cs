using System.Diagnostics;
using Provisioner.Playbooks;
using Provisioner.Templating;
using Provisioner.Yaml;

namespace Provisioner.Execution;

/// <summary>
/// Runs one task on one host: when, loop, and per item <see cref="ItemRunner"/>; then what the task
/// registers. Every failure becomes a Failed result with a message; nothing is thrown out of here.
/// </summary>
public sealed class TaskRunner(HostSession session)
{
    public async Task<TaskResult> RunAsync(TaskSpec task, string stage, bool handler, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        TaskResult Result(RunStatus status, IReadOnlyList<Modules.Change> changes, string? message, string? assumes = null) =>
            new(session.Name, stage, task.Name, status, changes, message is null ? null : session.Vars.Secrets.Mask(message), clock.Elapsed, handler, assumes, task.Module);

        var module = session.Modules.Find(task.Module);
        if (module is null) return Result(RunStatus.Failed, [], $"unknown module '{task.Module}'");

        var scoped = ScopedVars.Apply(session.Vars, task.ScopeVars);
        var items = ExpandLoop(task, scoped, out var loopError);
        if (loopError is not null) return Result(RunStatus.Failed, [], loopError);

        var changes = new List<Modules.Change>();
        var provides = new List<Modules.Provided>();
        var touchesPackages = false;
        var itemResults = new List<Dictionary<string, object?>>();
        var anyRan = false;
        var anyChanged = false;
        string? assumes = null;
        string? irreversible = null;
        var gates = new List<Modules.StageGate>();
        var runner = new ItemRunner(session, module, task, handler);
        foreach (var item in items)
        {
            var vars = item is null ? scoped : scoped.With("item", item.Value);
            var whenReads = ItemRunner.NoReads;
            if (task.Conditions is { Count: > 0 } conditions)
            {
                var ((ok, err, undefined), reads) = runner.TrackFactReads(() => TemplateEngine.AllHold(conditions, vars));
                whenReads = reads;
                if (err is not null || undefined.Count > 0)
                    return Result(RunStatus.Failed, changes, err ?? $"when: undefined {string.Join(", ", undefined)}");
                if (!ok) continue;
            }
            anyRan = true;
            var outcome = await runner.RunAsync(vars, whenReads, ct).ConfigureAwait(false);
            changes.AddRange(outcome.Changes);
            provides.AddRange(outcome.Provides);
            touchesPackages |= outcome.TouchesPackages;
            itemResults.Add(outcome.Registered);
            assumes = outcome.Assumes ?? assumes;
            irreversible ??= outcome.Irreversible;
            if (outcome.Gate is { } gate && !gates.Contains(gate)) gates.Add(gate);
            if (outcome.Error is not null)
            {
                Register(task, itemResults, anyChanged, failed: true);
                return Result(RunStatus.Failed, changes, outcome.Error);
            }
            anyChanged |= outcome.Changed;
        }
        Register(task, itemResults, anyChanged, failed: false);
        if (!anyRan) return Result(RunStatus.Skipped, [], "condition false");
        return anyChanged
            ? Result(RunStatus.Changed, changes, null, assumes) with { Provides = provides, TouchesPackages = touchesPackages, Irreversible = irreversible, Gates = gates }
            : Result(RunStatus.Ok, changes, null);
    }

    private static IReadOnlyList<LoopItem?> ExpandLoop(TaskSpec task, Vars vars, out string? error)
    {
        error = null;
        if (task.Loop is null) return [null];
        var diagnostics = new Diagnostics();
        var rendered = NodeRenderer.Render(task.Loop, vars, diagnostics);
        if (diagnostics.HasErrors) { error = "loop: " + string.Join("; ", diagnostics.Items); return []; }
        if (rendered is not ListNode list) { error = $"{task.Loop.Span}: loop must be a list"; return []; }
        return list.Items.Select(i => (LoopItem?)new LoopItem(Vars.FromNode(i, vars.Secrets))).ToList();
    }

    private sealed record LoopItem(object? Value);

    private void Register(TaskSpec task, List<Dictionary<string, object?>> items, bool changed, bool failed)
    {
        if (task.Register is null) return;
        var value = items.Count == 1 && task.Loop is null ? items[0] : new Dictionary<string, object?> { ["results"] = items.Cast<object?>().ToList() };
        value["changed"] = changed;
        value["failed"] = failed;
        session.Register(task.Register, value);
    }
}
