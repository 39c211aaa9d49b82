using Provisioner.Playbooks;

namespace Provisioner.Execution;

/// <summary>
/// Runs one stage on one host: its tasks in order, then the handlers they notified (once each, in
/// definition order), then — when applying — its verification probes.
/// </summary>
public sealed class StageRunner(HostSession session, ProbeRunner probes)
{
    public async Task<StageResult> RunAsync(Stage stage, CancellationToken ct)
    {
        session.Events.StageStarted(session.Name, stage.Number, stage.Name);
        var runner = new TaskRunner(session);
        var results = new List<TaskResult>();
        var notified = new HashSet<string>(StringComparer.Ordinal);
        string? pending = null;

        foreach (var (task, index) in stage.Tasks.Select((t, i) => (t, i + 1)))
        {
            if (!Selected(task)) continue;
            var result = await runner.RunAsync(task, stage.Name, handler: false, pending, ct).ConfigureAwait(false);
            results.Add(result);
            session.Events.TaskFinished(result);
            if (result.Status == RunStatus.Failed) return Finish(stage, results, [], RunStatus.Failed, $"task '{task.Name}' failed: {result.Message}");
            if (result.Status == RunStatus.Changed)
            {
                pending = $"step {stage.Number}.{index} '{task.Name}'";
                foreach (var n in task.Notify) notified.Add(n);
                // Later tasks branch on versions of what was just installed (Dovecot 2.3 vs 2.4).
                if (task.Module is "package" or "apt" or "dnf" && !session.Options.Check) await session.RefreshFactsAsync(ct).ConfigureAwait(false);
            }
        }

        foreach (var handler in stage.Handlers.Where(h => notified.Contains(h.Name)))
        {
            var result = await runner.RunAsync(handler, stage.Name, handler: true, pending, ct).ConfigureAwait(false);
            results.Add(result);
            session.Events.TaskFinished(result);
            if (result.Status == RunStatus.Failed) return Finish(stage, results, [], RunStatus.Failed, $"handler '{handler.Name}' failed: {result.Message}");
        }

        var status = results.Any(r => r.Status == RunStatus.Changed) ? RunStatus.Changed : RunStatus.Ok;
        if (session.Options.Check || session.Options.SkipVerify || stage.Verify.Count == 0)
            return Finish(stage, results, [], status, null);

        var probeResults = await probes.RunAsync(session, stage, ct).ConfigureAwait(false);
        var failed = probeResults.FirstOrDefault(p => !p.Passed);
        return failed is null
            ? Finish(stage, results, probeResults, status, null)
            : Finish(stage, results, probeResults, RunStatus.Failed, $"probe '{failed.Name}' failed: expected {failed.Expected}, got {failed.Actual}");
    }

    private bool Selected(TaskSpec task)
    {
        var o = session.Options;
        if (o.SkipTags.Count > 0 && task.Tags.Any(o.SkipTags.Contains)) return false;
        return o.Tags.Count == 0 || task.Tags.Any(o.Tags.Contains);
    }

    private StageResult Finish(Stage stage, List<TaskResult> tasks, IReadOnlyList<ProbeResult> probes, RunStatus status, string? message)
    {
        var result = new StageResult(stage.Name, stage.Number, status, tasks, probes, message is null ? null : session.Vars.Secrets.Mask(message));
        session.Events.StageFinished(session.Name, result);
        return result;
    }
}
