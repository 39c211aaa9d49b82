using Provisioner.Transport;

namespace Provisioner.Reads;

/// <summary>
/// Reuses the result of a <see cref="Command.Cacheable"/> read-only command run before with the same
/// text and become flag, so tasks that read the same host-wide state (every firewalld task reads all
/// zones) pay for one remote call per run instead of one each. Anything that may change the host —
/// a command not marked read-only, or an upload — forgets every cached result, since we cannot tell
/// which reads it affects, and so does <see cref="ForgetReads"/> (the engine calls it after probes, which
/// change the host from outside: mail delivered over SMTP). Failed results are never kept: a later
/// attempt may succeed. What is cacheable: firewalld's all-zones listing, a path's file read, Postfix's
/// configuration — never a read whose answer moves by itself (a unit's active state, days left on a
/// certificate) or one with input.
/// </summary>
public sealed class CachingRemoteHost(IRemoteHost inner) : IRemoteHost
{
    private readonly Dictionary<(bool Become, string Text), CommandResult> _results = [];
    // Answers of reads sent ahead (PrefetchAsync), each handed out once, to the read it was sent for:
    // same text, same become and the same input (a password to compare), known by a keyed hash only.
    private readonly Dictionary<(bool Become, string Text, string? Input), CommandResult> _ahead = [];
    private readonly byte[] _inputKey = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
    // Counts the times everything was forgotten: answers of a batch that a change overtook are not kept.
    private long _changes;
    // The transport serialises commands itself; the lock only keeps the dictionary consistent should
    // a caller ever overlap calls.
    private readonly Lock _lock = new();

    public string Name => inner.Name;

    public async Task<CommandResult> RunAsync(Command command, CancellationToken ct)
    {
        if (!command.ReadOnly)
        {
            Clear();
            return await inner.RunAsync(command, ct).ConfigureAwait(false);
        }
        lock (_lock)
            // The key renders the command and hashes its input: only worth it while a batch's answers wait.
            if (_ahead.Count > 0 && _ahead.Remove(AheadKey(command), out var early))
            {
                if (KeyOf(command) is { } keep) _results[keep] = early;
                return early;
            }
        if (KeyOf(command) is not { } key) return await inner.RunAsync(command, ct).ConfigureAwait(false);
        lock (_lock)
            if (_results.TryGetValue(key, out var cached)) return cached;
        var result = await inner.RunAsync(command, ct).ConfigureAwait(false);
        if (result.Ok)
            lock (_lock) _results[key] = result;
        return result;
    }

    public async Task<CommandResult> UploadAsync(FileUpload upload, CancellationToken ct)
    {
        Clear();
        return await inner.UploadAsync(upload, ct).ConfigureAwait(false);
    }

    public Task<HostLock> LockAsync(LockClaim claim, CancellationToken ct) => inner.LockAsync(claim, ct);

    public string? LockLost => inner.LockLost;

    /// <summary>
    /// The host may have changed by a way other than this connection (a probe delivered mail over
    /// SMTP): every kept answer is dropped, so each read goes to the host again.
    /// </summary>
    public void ForgetReads() => Clear();

    /// <summary>
    /// Sends the reads not yet answered in one round trip (one per become setting) and keeps each
    /// successful answer for the read it belongs to — until anything changes the host, which drops
    /// them like every kept answer. A batch that fails, or a read in it that fails, costs nothing but
    /// the trip: the read then runs on its own as it always did.
    /// </summary>
    public async Task<int> PrefetchAsync(IReadOnlyList<AheadRead> reads, CancellationToken ct)
    {
        var sent = 0;
        foreach (var group in reads.Where(r => ReadBatch.Fits(r.Command)).GroupBy(r => r.Command.Become))
        {
            List<(AheadRead Read, (bool, string, string?) Key)> wanted;
            long changes;
            lock (_lock)
            {
                changes = _changes;
                wanted = group.Select(r => (Read: r, Key: AheadKey(r.Command))).DistinctBy(w => w.Key)
                    .Where(w => !_ahead.ContainsKey(w.Key) && !(KeyOf(w.Read.Command) is { } key && _results.ContainsKey(key)))
                    .ToList();
            }
            // One read gains nothing from a batch.
            if (wanted.Count < 2) continue;
            var batch = new ReadBatch([.. wanted.Select(w => w.Read)]);
            var result = await inner.RunAsync(batch.Command, ct).ConfigureAwait(false);
            sent += wanted.Count;
            if (!result.Ok) continue;
            var answers = batch.Parse(result.Stdout, result.Duration);
            lock (_lock)
                for (var i = 0; i < wanted.Count && changes == _changes; i++)
                    if (answers[i] is { Ok: true } answer) _ahead[wanted[i].Key] = answer;
        }
        return sent;
    }

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    /// <summary>
    /// Commands with input are not cached: the text alone would not identify the answer, and input
    /// may be secret, which must not be kept around longer than the call.
    /// </summary>
    private static (bool, string)? KeyOf(Command command) =>
        command.Cacheable && command.Stdin is null ? (command.Become, command.Render()) : null;

    private (bool, string, string?) AheadKey(Command command) => (command.Become, command.Render(),
        command.Stdin is null ? null : Convert.ToHexString(System.Security.Cryptography.HMACSHA256.HashData(_inputKey, command.Stdin)));

    private void Clear()
    {
        lock (_lock)
        {
            _results.Clear();
            _ahead.Clear();
            _changes++;
        }
    }
}
