namespace Provisioner.LabTests.Journal;

/// <summary>Half of CI's sample of stage 1: points 1, 11, 21, … (the other half starts at 6).</summary>
public sealed class FaultSweepStage1LabTests : FaultSweepSample
{
    // Stage 1 runs 77 host commands (the full sweep of 2026-12-07): points 1–71 here, 6–76 in the other
    // half, from before the first change through the package transaction, users, aliases, main.cf,
    // firewalld, the handlers and the probes; fewer than 8 means the stage ended early.
    [Fact]
    public Task Every_tenth_kill_point_of_stage_1_from_the_first_leaves_the_host_as_before_or_converged() =>
        SweepAsync("t-sweep1a", stage: 1, every: 10, first: 1, atLeast: 8);
}
