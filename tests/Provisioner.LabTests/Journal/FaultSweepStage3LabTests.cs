namespace Provisioner.LabTests.Journal;

/// <summary>CI's sample of stage 3 (POP3S: Dovecot's TLS, port 995 in the firewall): every fifth point.</summary>
public sealed class FaultSweepStage3LabTests : FaultSweepSample
{
    [Fact]
    public Task Every_fifth_kill_point_of_stage_3_leaves_the_host_as_before_or_converged() =>
        SweepAsync("t-sweep3", stage: 3, every: 5, first: 1, atLeast: 4);
}
