using System.Diagnostics;
using Provisioner.Transport;

namespace Provisioner.Tests.Execution;

/// <summary>
/// A managed host that is this machine: commands run in a local /bin/sh exactly as they would be sent
/// over SSH (uploads through the real upload script), so the engine and the journal scripts can be
/// driven for real without a lab. Tests keep every path they touch inside a temporary directory.
/// </summary>
internal sealed class LocalHost(string name = "local") : IRemoteHost
{
    public List<string> Ran { get; } = [];

    /// <summary>Makes the next command whose text contains the key fail as if the transport broke (throws).</summary>
    public string? ThrowOn { get; set; }

    /// <summary>
    /// Answers a command instead of running it when it returns a result: the host's side of a fault
    /// (a sudo that refuses, a tool that is missing) without touching this machine.
    /// </summary>
    public Func<string, CommandResult?>? Answer { get; set; }

    public string Name => name;

    /// <summary>After a command whose text contains the key has run, the run's lock is lost (as after a reconnect another run took it).</summary>
    public string? LoseLockAfter { get; set; }

    public string? LockLost { get; private set; }

    /// <summary>Commands asked for after the lock was lost (each answered "lock-lost", none run).</summary>
    public int AskedAfterLockLost { get; private set; }

    public Task<CommandResult> RunAsync(Command command, CancellationToken ct) => RunTextAsync(command.Render(), command.Stdin, command.Timeout, ct);

    public Task<CommandResult> UploadAsync(FileUpload upload, CancellationToken ct) =>
        RunTextAsync(UploadScript.Build(upload), upload.Content, null, ct);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<CommandResult> RunTextAsync(string text, byte[]? stdin, TimeSpan? timeout, CancellationToken ct)
    {
        lock (Ran) Ran.Add(text);
        if (LockLost is not null)
        {
            AskedAfterLockLost++;
            return new CommandResult(null, "", LockLost, TimeSpan.Zero, "lock-lost");
        }
        if (LoseLockAfter is { } lose && text.Contains(lose, StringComparison.Ordinal))
            LockLost = "the connection dropped and this run could not take the host's lock back: another run took it meanwhile (test)";
        if (ThrowOn is { } key && text.Contains(key, StringComparison.Ordinal)) throw new InvalidOperationException($"injected fault on '{key}'");
        if (Answer?.Invoke(text) is { } answer) return answer;
        var psi = new ProcessStartInfo("/bin/sh") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(text);
        var clock = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync(ct);
        var stderr = p.StandardError.ReadToEndAsync(ct);
        if (stdin is { Length: > 0 }) await p.StandardInput.BaseStream.WriteAsync(stdin, ct);
        p.StandardInput.Close();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout ?? TimeSpan.FromMinutes(2));
        await p.WaitForExitAsync(deadline.Token);
        return new CommandResult(p.ExitCode, await stdout, await stderr, clock.Elapsed);
    }
}
