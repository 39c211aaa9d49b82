using System.Diagnostics;
using Provisioner.Transport;

namespace Provisioner.Tests.TransportTests;

/// <summary>
/// lock.sh for real, on this machine (a lock file in a temporary directory): the lock belongs to a
/// token, outlives a dropped connection by its grace, is taken back by its own token, and is free at
/// once when released or when its controller is proven dead.
/// </summary>
public sealed class LockScriptTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("provision-lock-").FullName;
    private readonly List<Process> _holders = [];
    private string Lock => Path.Combine(_dir, "lock");

    public void Dispose()
    {
        foreach (var p in _holders) { try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { } p.Dispose(); }
        Directory.Delete(_dir, recursive: true);
    }

    private static LockClaim Claim(string token, int grace = 30) => new(token, new ControllerId("test-machine", 1, 1), grace, $"run {token}");

    /// <summary>Runs lock.sh as a holder would be run: stdin is the "connection"; returns its first line and the process.</summary>
    private async Task<(string Line, Process Process)> Take(LockClaim claim, string? breakToken = null)
    {
        var psi = new ProcessStartInfo("/bin/sh") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(SshLock.Script(claim, breakToken).Replace(SshLock.LockFile, Lock, StringComparison.Ordinal));
        var p = Process.Start(psi)!;
        _holders.Add(p);
        var line = await p.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20)) ?? "";
        return (line, p);
    }

    private static async Task Drop(Process holder)
    {
        holder.StandardInput.Close(); // the connection ends without a release
        await holder.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task A_held_lock_is_refused_to_another_token_naming_its_holder_and_free_once_released()
    {
        var (first, holder) = await Take(Claim("a"));
        first.ShouldBe("locked");
        var (busy, _) = await Take(Claim("b"));
        busy.ShouldStartWith("busy\ta\t");
        LockHolder.Parse(busy).ShouldNotBeNull().Owner.ShouldBe("run a");

        // As SshLock.ReleaseAsync: "release", then the end of the input, which the holder waits for.
        await holder.StandardInput.WriteLineAsync("release");
        holder.StandardInput.Close();
        await holder.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
        holder.ExitCode.ShouldBe(0);
        (await Take(Claim("b"))).Line.ShouldBe("locked");
    }

    /// <summary>
    /// A refusal waits for the end of its input (and frees the mutex first). When it exited at once, the
    /// controller's input stream met a finished command ("internal error: The input stream can be used
    /// only during execution", seen by the kill-point sweep while a recovering run waited out a killed
    /// run's lease), and the end of file it sent reached sshd after the channel was gone, which drops
    /// the connection. Here input still being written when the script exits would break the pipe.
    /// </summary>
    [Fact]
    public async Task A_refused_claim_reads_its_input_to_the_end_and_leaves_the_mutex_free_meanwhile()
    {
        var (first, _) = await Take(Claim("a"));
        first.ShouldBe("locked");
        var (busy, refused) = await Take(Claim("b"));
        busy.ShouldStartWith("busy\ta\t");

        // Still running, waiting for its input to end, and not holding the mutex: a third claim is answered.
        refused.HasExited.ShouldBeFalse();
        (await Take(Claim("c"))).Line.ShouldStartWith("busy\ta\t");
        await refused.StandardInput.BaseStream.WriteAsync(new byte[1 << 20]);
        refused.StandardInput.Close();
        await refused.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
        refused.ExitCode.ShouldBe(75);
    }

    [Fact]
    public async Task A_dropped_connection_keeps_the_lock_for_its_token_until_the_grace_runs_out()
    {
        var (_, holder) = await Take(Claim("a", grace: 4));
        await Drop(holder);

        var refused = LockHolder.Parse((await Take(Claim("b"))).Line).ShouldNotBeNull();
        refused.Dropped.ShouldBeTrue();
        refused.Token.ShouldBe("a");
        refused.SecondsLeft.ShouldBeInRange(1, 4);

        await Task.Delay(TimeSpan.FromSeconds(refused.SecondsLeft + 1));
        (await Take(Claim("b"))).Line.ShouldBe("locked");
    }

    [Fact]
    public async Task The_same_token_takes_the_lock_back_after_a_drop_and_replaces_a_holder_left_on_a_dead_connection()
    {
        var (_, dropped) = await Take(Claim("a"));
        await Drop(dropped);
        var (again, stale) = await Take(Claim("a"));
        again.ShouldBe("locked");

        // A holder the host has not yet seen die (its connection half-open) is replaced, not waited for.
        var (third, _) = await Take(Claim("a"));
        third.ShouldBe("locked");
        await stale.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
        (await Take(Claim("b"))).Line.ShouldStartWith("busy\ta\t");
    }

    [Fact]
    public async Task A_token_whose_controller_is_proven_dead_is_broken_at_once()
    {
        var (_, holder) = await Take(Claim("a"));
        await Drop(holder);
        (await Take(Claim("b"))).Line.ShouldStartWith("dropped\ta\t");
        (await Take(Claim("b"), breakToken: "someone-else")).Line.ShouldStartWith("dropped\ta\t", Case.Sensitive, "only the named token may be broken");
        (await Take(Claim("b"), breakToken: "a")).Line.ShouldBe("locked");
    }

    [Fact]
    public async Task A_controllers_start_time_is_what_any_other_process_reads_for_it()
    {
        // The defect: start times kept as wall-clock times, which each process computes from the
        // uptime, differed by milliseconds between processes, and a later run broke a live run's lock
        // as a dead one's. The kernel's own count is the same whoever reads it.
        var psi = new ProcessStartInfo("sh", ["-c", $"cut -d' ' -f22 /proc/{Environment.ProcessId}/stat"]) { RedirectStandardOutput = true, UseShellExecute = false };
        using var reader = Process.Start(psi)!;
        var seen = (await reader.StandardOutput.ReadToEndAsync()).Trim();
        await reader.WaitForExitAsync();

        ControllerId.Current.StartTicks.ToString(System.Globalization.CultureInfo.InvariantCulture).ShouldBe(seen);
        ControllerId.Parse(ControllerId.Current.ToString())!.ProvablyDead().ShouldBeFalse();
    }

    [Fact]
    public void This_process_is_alive_and_a_controller_of_another_machine_is_never_taken_for_dead()
    {
        ControllerId.Current.ProvablyDead().ShouldBeFalse();
        (ControllerId.Current with { StartTicks = 1 }).ProvablyDead().ShouldBeTrue("a reused pid is not the controller");
        (ControllerId.Current with { Pid = int.MaxValue }).ProvablyDead().ShouldBeTrue();
        (ControllerId.Current with { Machine = "elsewhere", Pid = int.MaxValue }).ProvablyDead().ShouldBeFalse();
        ControllerId.Parse(ControllerId.Current.ToString()).ShouldBe(ControllerId.Current);
    }
}
