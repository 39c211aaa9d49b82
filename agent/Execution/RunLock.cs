using Provisioner.Transport;

namespace Provisioner.Execution;

/// <summary>
/// Takes a host's run lock for a run or a rollback. When the holder's connection dropped, its lease is
/// waited out, asking again every few seconds: the holder may come back for the lock (a network blip),
/// and then the answer is no. When the holder is alive, the answer is no at once.
/// </summary>
public static class RunLock
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);

    public static async Task<HostLock> TakeAsync(IRemoteHost remote, LockClaim claim, Action<string> notice, CancellationToken ct)
    {
        var taken = await remote.LockAsync(claim, ct).ConfigureAwait(false);
        if (taken.Acquired || taken.Holder is not { Dropped: true } first) return taken;
        notice($"waiting up to {first.SecondsLeft} s for the run lock: {first.Owner} lost its connection and may still come back for it");
        var deadline = DateTime.UtcNow.AddSeconds(Math.Clamp(first.SecondsLeft, 0, 3600) + 5);
        while (!taken.Acquired && taken.Holder is { Dropped: true } && DateTime.UtcNow < deadline)
        {
            await Task.Delay(Poll, ct).ConfigureAwait(false);
            taken = await remote.LockAsync(claim, ct).ConfigureAwait(false);
        }
        return taken;
    }
}
