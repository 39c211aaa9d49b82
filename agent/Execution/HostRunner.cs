using System.Diagnostics;
using Provisioner.Modules;
using Provisioner.Playbooks;

namespace Provisioner.Execution;

/// <summary>
/// One host's whole run: connect once, read facts, then every selected stage of every play in
/// order. The first failed stage stops this host only; other hosts carry on.
/// </summary>
public sealed class HostRunner(IConnector connector, ModuleRegistry modules, ProbeRunner probes, RunOptions options, IRunEvents events, string baseDirectory)
{
    public async Task<HostResult> RunAsync(HostPlan plan, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        events.HostStarted(plan.Name);
        var attempt = await connector.ConnectAsync(plan, options.AcceptNewHostKeys, ct).ConfigureAwait(false);
        if (attempt.Host is null) return Done(new HostResult(plan.Name, RunStatus.Unreachable, [], attempt.Error, clock.Elapsed));

        await using var remote = attempt.Host;
        var factsResult = await remote.RunAsync(FactsReader.Script, ct).ConfigureAwait(false);
        if (!factsResult.Ok)
            return Done(new HostResult(plan.Name, RunStatus.Failed, [], $"could not read facts: {factsResult.Describe()}", clock.Elapsed));
        var facts = FactsReader.Parse(factsResult.Stdout);
        events.HostConnected(plan.Name, facts);

        var stages = new List<StageResult>();
        foreach (var hostPlay in plan.Plays)
        {
            var session = new HostSession(plan.Name, remote, facts, hostPlay.Vars, hostPlay.Play.Become ?? plan.Connection.Become,
                baseDirectory, options, events, modules);
            var stageRunner = new StageRunner(session, probes);
            foreach (var stage in hostPlay.Play.Stages.Where(s => options.Stages.Includes(s.Number, s.Name)))
            {
                var result = await stageRunner.RunAsync(stage, ct).ConfigureAwait(false);
                stages.Add(result);
                if (result.Status is RunStatus.Failed or RunStatus.RolledBack)
                    return Done(new HostResult(plan.Name, result.Status, stages, $"stage {stage.Number} '{stage.Name}': {result.Message}", clock.Elapsed));
            }
            facts = session.Facts;
        }
        var status = stages.Any(s => s.Status == RunStatus.Changed) ? RunStatus.Changed : RunStatus.Ok;
        return Done(new HostResult(plan.Name, status, stages, null, clock.Elapsed));
    }

    private HostResult Done(HostResult result)
    {
        events.HostFinished(result);
        return result;
    }
}
