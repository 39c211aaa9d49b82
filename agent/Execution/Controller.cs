using System.Diagnostics;
using Provisioner.Modules;

namespace Provisioner.Execution;

/// <summary>
/// Runs a prepared run: hosts in parallel (at most <c>--forks</c> at once), each host's stages in
/// order. One host's failure or unreachability never stops another.
/// </summary>
public sealed class Controller(IConnector connector, ModuleRegistry modules, ProbeRunner probes)
{
    public async Task<RunResult> RunAsync(PreparedRun run, RunOptions options, IRunEvents events, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        using var gate = new SemaphoreSlim(Math.Max(1, options.Forks));
        var runner = new HostRunner(connector, modules, probes, options, events, run.Playbook!.BaseDirectory, run.Playbook.File);
        var tasks = run.Hosts.Select(async host =>
        {
            await gate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                return await runner.RunAsync(host, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A bug or an unexpected transport error must not take the other hosts down.
                var result = new HostResult(host.Name, RunStatus.Failed, [], $"internal error: {ex.GetType().Name}: {ex.Message}", TimeSpan.Zero);
                events.HostFinished(result);
                return result;
            }
            finally
            {
                gate.Release();
            }
        }).ToList();
        var results = await Task.WhenAll(tasks).ConfigureAwait(false);
        return new RunResult(options.Check, results, clock.Elapsed);
    }
}
