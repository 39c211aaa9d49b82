using System.Diagnostics;
using Provisioner.LabTests.Vm;

namespace Provisioner.LabTests.Lab;

/// <summary>
/// <c>lab down</c> and <c>vm down</c> wait for the nspawn or QEMU process to end. Neither script is that
/// process's parent once <c>up</c> has returned, so the exited process stays a zombie until whatever
/// adopted it reaps it — on some machines seconds later. A zombie holds no namespace, veth or memory:
/// it has ended, and a down that waited for its /proc entry to vanish timed out and killed for nothing.
/// </summary>
public sealed class PidAliveTests
{
    public static TheoryData<string> Scripts => new() { LabInstance.Script, VmScript.Script };

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task An_exited_process_not_yet_reaped_is_not_alive_a_running_one_is(string script)
    {
        // The parent execs a sleep that never waits, so its exited child stays a zombie while it sleeps.
        using var parent = Process.Start(new ProcessStartInfo("sh", ["-c", "sleep 0.1 & echo $!; exec sleep 30"])
        {
            RedirectStandardOutput = true,
        })!;
        try
        {
            var zombie = int.Parse((await parent.StandardOutput.ReadLineAsync())!, System.Globalization.CultureInfo.InvariantCulture);
            await WaitForStateAsync(zombie, 'Z');

            (await PidAlive(script, zombie)).ShouldBe("dead", $"zombie {zombie}");
            (await PidAlive(script, parent.Id)).ShouldBe("alive", $"running sleep {parent.Id}");
            (await PidAlive(script, 0)).ShouldBe("dead");
        }
        finally
        {
            parent.Kill();
            await parent.WaitForExitAsync();
        }
    }

    private static async Task<string> PidAlive(string script, int pid)
    {
        var run = await LabInstance.RunScriptAsync("bash", TimeSpan.FromSeconds(30),
            ["-c", ". \"$1\"; if pid_alive \"$2\"; then echo alive; else echo dead; fi", "_", script, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        run.ExitCode.ShouldBe(0, run.StdErr);
        return run.StdOut.Trim();
    }

    private static async Task WaitForStateAsync(int pid, char state)
    {
        for (var i = 0; i < 100; i++)
        {
            if (LabInstance.ProcessState(pid) == state)
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new InvalidOperationException($"pid {pid} never reached state {state}");
    }
}
