namespace Provisioner.Tests.CliTests;

public sealed class VerifyCommandTests
{
    /// <summary>verify changes nothing and has no --firewall-guard: the guard's check must not refuse it.</summary>
    [Fact]
    public async Task Verify_is_not_refused_for_a_firewall_guard_it_does_not_have()
    {
        var run = await ProvisionProcess.RunAsync(Path.GetTempPath(), "verify", HostileCorpus.Hostile("ok.yml"), "-i", HostileCorpus.Hostile("unreachable.inventory.yml"));
        run.Killed.ShouldBeFalse(run.ToString());
        run.Stderr.ShouldNotContain("--firewall-guard");
        run.ExitCode.ShouldBe(3, run.ToString()); // it went on to connect: the host is unreachable
    }
}
