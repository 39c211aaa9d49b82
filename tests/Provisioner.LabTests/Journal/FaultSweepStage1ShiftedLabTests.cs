namespace Provisioner.LabTests.Journal;

/// <summary>The other half of CI's sample of stage 1: points 6, 16, 26, … on a lab host of its own.</summary>
public sealed class FaultSweepStage1ShiftedLabTests : FaultSweepSample
{
    [Fact]
    public Task Every_tenth_kill_point_of_stage_1_from_the_sixth_leaves_the_host_as_before_or_converged() =>
        SweepAsync("t-sweep1b", stage: 1, every: 10, first: 6, atLeast: 8);
}
