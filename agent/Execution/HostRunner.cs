using System.Diagnostics;
using Provisioner.HostFacts;
using Provisioner.Modules;
using Provisioner.Reads;
using Provisioner.Transport;

namespace Provisioner.Execution;

/// <summary>
/// One host's whole run: connect once, read facts, recover what an interrupted run left, then every
/// selected stage of every play in order. The first failed stage stops this host only (except in
/// <c>provision verify</c>, which reports every stage); other hosts carry on.
/// </summary>
public sealed class HostRunner(IConnector connector, ModuleRegistry modules, ProbeRunner probes, RunOptions options, IRunEvents events, string baseDirectory, string playbookFile)
{
    public async Task<HostResult> RunAsync(HostPlan plan, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        events.HostStarted(plan.Name);
        // A host still waiting for a fork when the user asked to stop is not started at all.
        if (options.Stop.IsCancellationRequested) return Done(new HostResult(plan.Name, RunStatus.Failed, [], "stopped by the user before connecting", clock.Elapsed));
        var attempt = await connector.ConnectAsync(plan, options.AcceptNewHostKeys, ct).ConfigureAwait(false);
        events.Timed(new Timing(plan.Name, TimingPhase.Connect, "ssh", clock.Elapsed));
        if (attempt.Host is null) return Done(new HostResult(plan.Name, RunStatus.Unreachable, [], attempt.Error, clock.Elapsed));

        // Every module and probe of the run shares one read cache: reads marked cacheable (such as
        // firewalld's all-zones listing) run once until something changes the host.
        await using var remote = new CachingRemoteHost(attempt.Host);
        var factsClock = Stopwatch.StartNew();
        var factsResult = await remote.RunAsync(FactsReader.Command(modules), ct).ConfigureAwait(false);
        events.Timed(new Timing(plan.Name, TimingPhase.Facts, "facts", factsClock.Elapsed));
        if (!factsResult.Ok)
            return Done(new HostResult(plan.Name, RunStatus.Failed, [], $"could not read facts: {factsResult.Describe()}", clock.Elapsed));
        var access = await AccessAddressesAsync(plan.Connection.Address, ct).ConfigureAwait(false);
        Facts WithAccess(Facts f) => f with { Access = ControllerAccess.For(access, plan.Connection.Port, f) };
        var facts = WithAccess(FactsReader.Parse(factsResult.Stdout));
        events.HostConnected(plan.Name, facts);

        var runId = Journal.StageJournal.NewRunId();
        var claim = LockClaim.ForThisProcess($"run {runId} from {Environment.MachineName} pid {Environment.ProcessId}, started {DateTime.UtcNow:u}");
        var hostLock = options.Check || options.VerifyOnly ? null : await RunLock.TakeAsync(remote, claim, line => events.Notice(plan.Name, line), ct).ConfigureAwait(false);
        if (hostLock is { Acquired: false })
            return Done(new HostResult(plan.Name, RunStatus.Failed, [], hostLock.Message, clock.Elapsed));
        await using var lockHandle = hostLock?.Handle;

        var recovery = options.VerifyOnly ? new RecoveryResult([], null)
            : await new JournalRecovery(new HostContext(remote, facts, true), options, playbookFile).RunAsync(ct).ConfigureAwait(false);
        foreach (var line in recovery.Done) events.Recovered(plan.Name, line);
        if (recovery.Blocked is { } blocked)
            return Done(new HostResult(plan.Name, RunStatus.Failed, [], blocked, clock.Elapsed) { Recovered = recovery.Done });
        // A recovery can purge what the interrupted stage installed: read the facts again.
        if (recovery.Done.Count > 0 && !options.Check && await remote.RunAsync(FactsReader.Command(modules), ct).ConfigureAwait(false) is { Ok: true } again)
            facts = WithAccess(FactsReader.Parse(again.Stdout));

        var stages = new List<StageResult>();
        HostResult Result(RunStatus status, string? message) => new(plan.Name, status, stages, message, clock.Elapsed) { Recovered = recovery.Done };
        string? firstFailure = null;
        foreach (var hostPlay in plan.Plays)
        {
            var session = new HostSession(plan.Name, remote, facts, hostPlay.Vars, hostPlay.Play.Become ?? plan.Connection.Become,
                baseDirectory, options, events, modules) { RunId = runId, Play = hostPlay.Play, PlaybookFile = playbookFile, LockOwner = claim.Token, CheckNewConnection = c => CheckNewConnectionAsync(plan, c) };
            var stageRunner = new StageRunner(session, probes);
            var selected = hostPlay.Play.Stages.Where(s => options.Stages.Includes(s.Number, s.Name)).ToList();
            if (options.VerifyOnly) probes.Prestart(session, selected, ct);
            else await stageRunner.ReadAheadAsync("all stages", selected, ct).ConfigureAwait(false);
            foreach (var stage in selected)
            {
                if (options.Stop.IsCancellationRequested)
                    return Done(Result(RunStatus.Failed, $"stopped by the user before stage {stage.Number} '{stage.Name}'"));
                if (remote.LockLost is { } lost)
                    return Done(Result(RunStatus.Failed, $"stopped before stage {stage.Number} '{stage.Name}': {lost}"));
                var previous = hostPlay.Play.Stages.LastOrDefault(s => s.Number < stage.Number);
                var result = await stageRunner.RunAsync(stage, previous, ct).ConfigureAwait(false);
                stages.Add(result);
                if (result.Status is not (RunStatus.Failed or RunStatus.RolledBack)) continue;
                // A health check reports every stage; a change stops at the first that failed.
                if (!options.VerifyOnly) return Done(Result(result.Status, $"stage {stage.Number} '{stage.Name}': {result.Message}"));
                firstFailure ??= $"stage {stage.Number} '{stage.Name}': {result.Message}";
            }
            facts = session.Facts;
        }
        if (firstFailure is not null) return Done(Result(RunStatus.Failed, firstFailure));
        var status = stages.Any(s => s.Status == RunStatus.Changed) || recovery.Done.Count > 0 ? RunStatus.Changed : RunStatus.Ok;
        return Done(Result(status, null));
    }

    /// <summary>The IP addresses the controller reaches the host on: the inventory's address, resolved here.</summary>
    private static async Task<IReadOnlyList<string>> AccessAddressesAsync(string address, CancellationToken ct)
    {
        if (System.Net.IPAddress.TryParse(address, out var ip)) return [ip.ToString()];
        try { return (await System.Net.Dns.GetHostAddressesAsync(address, ct).ConfigureAwait(false)).Select(a => a.ToString()).ToList(); }
        catch (System.Net.Sockets.SocketException) { return []; }
    }

    private async Task<string?> CheckNewConnectionAsync(HostPlan plan, CancellationToken ct)
    {
        var attempt = await connector.ConnectAsync(plan, false, ct).ConfigureAwait(false);
        if (attempt.Host is null) return attempt.Error;
        await attempt.Host.DisposeAsync().ConfigureAwait(false);
        return null;
    }

    private HostResult Done(HostResult result)
    {
        events.HostFinished(result);
        return result;
    }
}
