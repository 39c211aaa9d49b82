using System.Diagnostics;
using Provisioner.HostFacts;
using Provisioner.Modules;
using Provisioner.Playbooks;
using Provisioner.Probes;
using Provisioner.Templating;
using Provisioner.Yaml;

namespace Provisioner.Execution;

/// <summary>
/// Runs a stage's verification probes, each retried (services need a moment after a reload) until it
/// passes or its retries are spent. After a change they run in order and stop at the first probe
/// that fails (the stage is rolled back anyway). <c>provision verify</c> runs them all, so a health
/// check lists every failing probe; probes only observe, so there they run side by side, at most
/// <paramref name="parallel"/> at once per host, across the host's stages (see <see cref="Prestart"/>),
/// and are reported in the playbook's order all the same.
/// </summary>
public sealed class ProbeRunner(ProbeRegistry registry, int parallel = 4)
{
    /// <summary>A probe to attempt with its loop item bound, or the result it already has (a probe that could not be set up).</summary>
    private sealed record Unit(ProbeSpec Spec, IProbe? Probe, string Name, Vars Vars, ProbeResult? Ready);

    public async Task<IReadOnlyList<ProbeResult>> RunAsync(HostSession session, Stage stage, CancellationToken ct)
    {
        try
        {
            return await RunCoreAsync(session, stage, ct).ConfigureAwait(false);
        }
        finally
        {
            // Probes change the host from outside the connection (mail delivered, read, deleted): no
            // read kept from before them may answer for after them.
            session.ReadCache?.ForgetReads();
        }
    }

    private async Task<IReadOnlyList<ProbeResult>> RunCoreAsync(HostSession session, Stage stage, CancellationToken ct)
    {
        if (session.Options.VerifyOnly)
        {
            var pending = session.StartedProbes.Remove(stage, out var started) ? started : Start(session, stage, ct);
            var all = new List<ProbeResult>();
            foreach (var task in pending)
            {
                all.Add(await task.ConfigureAwait(false));
                session.Events.ProbeFinished(session.Name, stage.Name, all[^1]);
            }
            return all;
        }
        var results = new List<ProbeResult>();
        foreach (var unit in stage.Verify.SelectMany(spec => Expand(session, spec)))
        {
            results.Add(unit.Ready ?? await AttemptAsync(session, unit, ct).ConfigureAwait(false));
            session.Events.ProbeFinished(session.Name, stage.Name, results[^1]);
            if (!results[^1].Passed) return results;
        }
        return results;
    }

    /// <summary>
    /// Verify only: starts the probes of all these stages now, bounded per host, so a slow probe of
    /// one stage (a server's delay after a wrong password) overlaps the probes of the next; each
    /// stage's <see cref="RunAsync"/> then reports its own in order.
    /// </summary>
    public void Prestart(HostSession session, IEnumerable<Stage> stages, CancellationToken ct)
    {
        foreach (var stage in stages.Where(s => s.Verify.Count > 0))
            session.StartedProbes[stage] = Start(session, stage, ct);
    }

    private List<Task<ProbeResult>> Start(HostSession session, Stage stage, CancellationToken ct)
    {
        var slots = session.ProbeSlots ??= new SemaphoreSlim(Math.Max(1, parallel));
        return stage.Verify.SelectMany(spec => Expand(session, spec))
            .Select(unit => unit.Ready is { } ready ? Task.FromResult(ready) : LimitedAsync(unit))
            .ToList();

        async Task<ProbeResult> LimitedAsync(Unit unit)
        {
            await slots.WaitAsync(ct).ConfigureAwait(false);
            try { return await AttemptAsync(session, unit, ct).ConfigureAwait(false); }
            finally { slots.Release(); }
        }
    }

    /// <summary>What the stage's probes write on the host (<see cref="IProbe.Writes"/>), bound for this host.</summary>
    public IReadOnlyList<string> Writes(HostSession session, Stage stage)
    {
        var paths = new List<string>();
        foreach (var unit in stage.Verify.SelectMany(spec => Expand(session, spec)).Where(u => u.Probe is not null && u.Ready is null))
        {
            var d = new Diagnostics();
            if (NodeRenderer.Render(unit.Spec.Args, unit.Vars, d) is MapNode rendered && !d.HasErrors)
                paths.AddRange(unit.Probe!.Writes(new ArgReader(rendered, d) { BaseDirectory = session.BaseDirectory, Vars = unit.Vars, Facts = session.Facts }));
        }
        return paths.Distinct().ToList();
    }

    /// <summary>The spec's probes, one per loop item whose <c>when</c> holds.</summary>
    private List<Unit> Expand(HostSession session, ProbeSpec spec)
    {
        var probe = registry.Find(spec.Kind);
        var scoped = ScopedVars.Apply(session.Vars, spec.ScopeVars);
        if (probe is null) return [new Unit(spec, null, spec.Name, scoped, new ProbeResult(spec.Name, false, $"a probe named {spec.Kind}", "unknown probe kind", 0, TimeSpan.Zero))];
        var items = new List<object?>();
        if (spec.Loop is null) items.Add(null);
        else
        {
            var d = new Diagnostics();
            if (NodeRenderer.Render(spec.Loop, scoped, d) is ListNode l && !d.HasErrors) items.AddRange(l.Items.Select(i => Vars.FromNode(i, scoped.Secrets)));
            else return [new Unit(spec, probe, spec.Name, scoped, new ProbeResult(spec.Name, false, "loop to be a list", string.Join("; ", d.Items), 0, TimeSpan.Zero))];
        }
        var units = new List<Unit>();
        foreach (var item in items)
        {
            var vars = spec.Loop is null ? scoped : scoped.With("item", item);
            if (spec.When is not null && !TemplateEngine.Condition(spec.When, vars).Value) continue;
            units.Add(new Unit(spec, probe, spec.Loop is null ? spec.Name : $"{spec.Name} ({Label(item)})", vars, null));
        }
        return units;
    }

    /// <summary>A loop item as a person reads it: 198.18.1.2, or host=198.18.1.2 port=587.</summary>
    public static string Label(object? item) => item switch
    {
        IDictionary<string, object?> d => string.Join(' ', d.Select(kv => $"{kv.Key}={kv.Value}")),
        IEnumerable<object?> l when item is not string => string.Join(", ", l),
        _ => item?.ToString() ?? "",
    };

    private static async Task<ProbeResult> AttemptAsync(HostSession session, Unit unit, CancellationToken ct)
    {
        var (spec, probe, name, vars) = (unit.Spec, unit.Probe!, unit.Name, unit.Vars);
        var clock = Stopwatch.StartNew();
        var d = new Diagnostics();
        var rendered = (MapNode)NodeRenderer.Render(spec.Args, vars, d);
        if (d.HasErrors) return new ProbeResult(name, false, "arguments to render", string.Join("; ", d.Items), 0, clock.Elapsed);
        var reader = new ArgReader(rendered, d) { BaseDirectory = session.BaseDirectory, Vars = vars, Facts = session.Facts };
        var host = new HostContext(session.Remote, session.Facts, session.Become);
        ProbeOutcome outcome = ProbeOutcome.Fail("a result", "not run");
        var attempts = 0;
        for (var i = 0; i <= spec.Retries; i++)
        {
            attempts++;
            try { outcome = await probe.RunAsync(reader, host, ct).ConfigureAwait(false); }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                outcome = ProbeOutcome.Fail("probe to run", $"{ex.GetType().Name}: {ex.Message}");
            }
            if (outcome.Passed || d.HasErrors) break;
            if (session.Options.Stop.IsCancellationRequested) { outcome = ProbeOutcome.Fail(outcome.Expected, $"{outcome.Actual} (retries cut short: stopped by the user)"); break; }
            await Task.Delay(spec.Delay, ct).ConfigureAwait(false);
        }
        if (d.HasErrors) outcome = ProbeOutcome.Fail("valid arguments", string.Join("; ", d.Items));
        var mask = session.Vars.Secrets;
        return new ProbeResult(name, outcome.Passed, mask.Mask(outcome.Expected), mask.Mask(outcome.Actual), attempts, clock.Elapsed);
    }
}
