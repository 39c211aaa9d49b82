namespace Provisioner.Probes;

/// <summary>
/// Runs a probe body under its timeout and turns anything the network or a protocol library
/// throws into a failing outcome, so no exception crosses the engine boundary. Only the engine's
/// own cancellation propagates.
/// </summary>
internal static class ProbeRun
{
    public static async Task<ProbeOutcome> ExecuteAsync(TimeSpan timeout, CancellationToken ct, Func<CheckLog, CancellationToken, Task> body)
    {
        var log = new CheckLog();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            await body(log, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            log.Fail($"no answer within {timeout.TotalSeconds:0} s");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.Fail(ProbeErrors.Describe(ex));
        }
        return log.Outcome();
    }
}
