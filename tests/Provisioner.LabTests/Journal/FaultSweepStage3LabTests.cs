namespace Provisioner.LabTests.Journal;

/// <summary>CI's sample of stage 3 (POP3S: certbot and its certificate, DH parameters, Dovecot's TLS, 995 in the firewall, the reload): every fifth point.</summary>
public sealed class FaultSweepStage3LabTests : FaultSweepSample
{
    // Stage 3 runs 32 host commands: points 1, 6, … 31.
    [Fact]
    public Task Every_fifth_kill_point_of_stage_3_leaves_the_host_as_before_or_converged() =>
        SweepAsync("t-sweep3", stage: 3, every: 5, first: 1, atLeast: 6);
}
