using System.Diagnostics;
using Provisioner.Modules;
using HostContext = Provisioner.Modules.HostContext;
using Provisioner.Playbooks;
using Provisioner.Transport;

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
        // A host still waiting for a fork when the user asked to stop is not started at all.
        if (options.Stop.IsCancellationRequested) return Done(new HostResult(plan.Name, RunStatus.Failed, [], "stopped by the user before connecting", clock.Elapsed));
        var attempt = await connector.ConnectAsync(plan, options.AcceptNewHostKeys, ct).ConfigureAwait(false);
        if (attempt.Host is null) return Done(new HostResult(plan.Name, RunStatus.Unreachable, [], attempt.Error, clock.Elapsed));

        // Every module and probe of the run shares one read cache: reads marked cacheable (such as
        // firewalld's all-zones listing) run once until something changes the host.
        await using var remote = new CachingRemoteHost(attempt.Host);
        var factsResult = await remote.RunAsync(FactsReader.Script, ct).ConfigureAwait(false);
        if (!factsResult.Ok)
            return Done(new HostResult(plan.Name, RunStatus.Failed, [], $"could not read facts: {factsResult.Describe()}", clock.Elapsed));
        var facts = FactsReader.Parse(factsResult.Stdout);
        events.HostConnected(plan.Name, facts);

        var runId = Journal.StageJournal.NewRunId();
        var readOnly = options.Check || options.VerifyOnly;
        var hostLock = readOnly ? null : await remote.LockAsync($"run {runId} from {Environment.MachineName} pid {Environment.ProcessId}, started {DateTime.UtcNow:u}", ct).ConfigureAwait(false);
        if (hostLock is { Acquired: false })
            return Done(new HostResult(plan.Name, RunStatus.Failed, [], hostLock.Message, clock.Elapsed));
        await using var lockHandle = hostLock?.Handle;
        var recovered = readOnly ? [] : await RecoverAsync(plan, remote, facts, ct).ConfigureAwait(false);
        // A recovery can purge what the interrupted stage installed: read the facts again.
        if (recovered.Count > 0 && await remote.RunAsync(FactsReader.Script, ct).ConfigureAwait(false) is { Ok: true } again)
            facts = FactsReader.Parse(again.Stdout);
        var stages = new List<StageResult>();
        foreach (var hostPlay in plan.Plays)
        {
            var session = new HostSession(plan.Name, remote, facts, hostPlay.Vars, hostPlay.Play.Become ?? plan.Connection.Become,
                baseDirectory, options, events, modules) { RunId = runId, CheckNewConnection = c => CheckNewConnectionAsync(plan, c) };
            var stageRunner = new StageRunner(session, probes);
            foreach (var stage in hostPlay.Play.Stages.Where(s => options.Stages.Includes(s.Number, s.Name)))
            {
                if (options.Stop.IsCancellationRequested)
                    return Done(new HostResult(plan.Name, RunStatus.Failed, stages, $"stopped by the user before stage {stage.Number} '{stage.Name}'", clock.Elapsed) { Recovered = recovered });
                var previous = hostPlay.Play.Stages.LastOrDefault(s => s.Number < stage.Number);
                var result = await stageRunner.RunAsync(stage, previous, ct).ConfigureAwait(false);
                stages.Add(result);
                if (result.Status is RunStatus.Failed or RunStatus.RolledBack)
                    return Done(new HostResult(plan.Name, result.Status, stages, $"stage {stage.Number} '{stage.Name}': {result.Message}", clock.Elapsed) { Recovered = recovered });
            }
            facts = session.Facts;
        }
        var status = stages.Any(s => s.Status == RunStatus.Changed) || recovered.Count > 0 ? RunStatus.Changed : RunStatus.Ok;
        return Done(new HostResult(plan.Name, status, stages, null, clock.Elapsed) { Recovered = recovered });
    }

    private async Task<string?> CheckNewConnectionAsync(HostPlan plan, CancellationToken ct)
    {
        var attempt = await connector.ConnectAsync(plan, false, ct).ConfigureAwait(false);
        if (attempt.Host is null) return attempt.Error;
        await attempt.Host.DisposeAsync().ConfigureAwait(false);
        return null;
    }

    /// <summary>
    /// A stage left open by a controller that died (killed, network gone) is rolled back before
    /// anything else, so the run starts from the last verified state.
    /// </summary>
    private async Task<IReadOnlyList<string>> RecoverAsync(HostPlan plan, Transport.IRemoteHost remote, Facts facts, CancellationToken ct)
    {
        var root = new HostContext(remote, facts, true);
        var open = await root.RunAsync(Transport.Command.Script(Journal.JournalScripts.FindOpen, readOnly: true), ct).ConfigureAwait(false);
        var recovered = new List<string>();
        foreach (var dir in open.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var result = await Journal.StageJournal.RollbackAsync(root, dir, ct).ConfigureAwait(false);
            var what = $"unfinished stage {dir} (its controller stopped mid-stage) {(result.Ok ? "rolled back" : "could not be fully rolled back: " + result.Describe())}";
            events.Recovered(plan.Name, what);
            recovered.Add(what);
        }
        return recovered;
    }

    private HostResult Done(HostResult result)
    {
        events.HostFinished(result);
        return result;
    }
}
