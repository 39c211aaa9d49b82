using System.Diagnostics;
using Provisioner.Tests.Playbooks;

namespace Provisioner.Tests.CliTests;

/// <summary>
/// Issue 24: SIGTERM during validate printed "its stage is rolled back" and went on running. With
/// nothing to roll back, the first signal ends the process.
/// </summary>
public sealed class StopSignalTests : IDisposable
{
    private readonly TempDir _dir = new();
    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Validate_stops_at_the_first_sigterm()
    {
        // The password script tells the program's pid (its parent), then keeps validate waiting.
        var marker = Path.Combine(_dir.Path, "pid");
        var script = _dir.Write("pw.sh", $"#!/bin/sh\necho $PPID > {marker}.tmp && mv {marker}.tmp {marker}\nexec sleep 30\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var run = ProvisionProcess.RunAsync(_dir.Path, "validate", HostileCorpus.Hostile("ok.yml"), "--vault-password-file", script);
        using (var waiting = new CancellationTokenSource(ProvisionProcess.KillAfter))
            while (!File.Exists(marker)) await Task.Delay(50, waiting.Token);
        using (var kill = Process.Start("kill", ["-TERM", File.ReadAllText(marker).Trim()])!) await kill.WaitForExitAsync();

        var outcome = await run;
        outcome.Killed.ShouldBeFalse(outcome.ToString());
        outcome.ExitCode.ShouldBe(128 + 15, outcome.ToString()); // ended by the signal, not after the script's 30 s
        outcome.Stderr.ShouldNotContain("rolled back", Case.Sensitive, outcome.ToString());
    }
}
