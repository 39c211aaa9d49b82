using System.Diagnostics;
using Provisioner.Modules;
using Provisioner.Playbooks;
using Provisioner.Probes;
using Provisioner.Templating;
using Provisioner.Yaml;

namespace Provisioner.Execution;

/// <summary>
/// Runs a stage's verification probes in order, each retried (services need a moment after a
/// reload) until it passes or its retries are spent. After a change it stops at the first probe
/// that fails (the stage is rolled back anyway); <c>provision verify</c> runs them all, so a health
/// check lists every failing probe.
/// </summary>
public sealed class ProbeRunner(ProbeRegistry registry)
{
    public async Task<IReadOnlyList<ProbeResult>> RunAsync(HostSession session, Stage stage, CancellationToken ct)
    {
        var results = new List<ProbeResult>();
        foreach (var spec in stage.Verify)
        {
            foreach (var result in await RunOneAsync(session, spec, ct).ConfigureAwait(false))
            {
                results.Add(result);
                session.Events.ProbeFinished(session.Name, stage.Name, result);
                if (!result.Passed && !session.Options.VerifyOnly) return results;
            }
        }
        return results;
    }

    private async Task<IReadOnlyList<ProbeResult>> RunOneAsync(HostSession session, ProbeSpec spec, CancellationToken ct)
    {
        var probe = registry.Find(spec.Kind);
        if (probe is null) return [new ProbeResult(spec.Name, false, $"a probe named {spec.Kind}", "unknown probe kind", 0, TimeSpan.Zero)];
        var items = new List<object?>();
        if (spec.Loop is null) items.Add(null);
        else
        {
            var d = new Diagnostics();
            if (NodeRenderer.Render(spec.Loop, session.Vars, d) is ListNode l && !d.HasErrors) items.AddRange(l.Items.Select(i => Vars.FromNode(i, session.Vars.Secrets)));
            else return [new ProbeResult(spec.Name, false, "loop to be a list", string.Join("; ", d.Items), 0, TimeSpan.Zero)];
        }
        var results = new List<ProbeResult>();
        foreach (var item in items)
        {
            var vars = spec.Loop is null ? session.Vars : session.Vars.With("item", item);
            if (spec.When is not null && !TemplateEngine.Condition(spec.When, vars).Value) continue;
            var name = spec.Loop is null ? spec.Name : $"{spec.Name} ({Label(item)})";
            results.Add(await AttemptAsync(session, probe, spec, name, vars, ct).ConfigureAwait(false));
            if (!results[^1].Passed && !session.Options.VerifyOnly) break;
        }
        return results;
    }

    /// <summary>A loop item as a person reads it: 198.18.1.2, or host=198.18.1.2 port=587.</summary>
    public static string Label(object? item) => item switch
    {
        IDictionary<string, object?> d => string.Join(' ', d.Select(kv => $"{kv.Key}={kv.Value}")),
        IEnumerable<object?> l when item is not string => string.Join(", ", l),
        _ => item?.ToString() ?? "",
    };

    private static async Task<ProbeResult> AttemptAsync(HostSession session, IProbe probe, ProbeSpec spec, string name, Vars vars, CancellationToken ct)
    {
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
