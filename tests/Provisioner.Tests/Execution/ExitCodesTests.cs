using Provisioner.Execution;

namespace Provisioner.Tests.ExecutionTests;

public class ExitCodesTests
{
    private static HostResult Host(RunStatus status) => new("h", status, [], null, TimeSpan.Zero);

    [Theory]
    [InlineData(new[] { RunStatus.Ok }, 0)]
    [InlineData(new RunStatus[0], 0)]
    [InlineData(new[] { RunStatus.Ok, RunStatus.Changed }, 2)]
    [InlineData(new[] { RunStatus.Changed, RunStatus.Unreachable }, 3)]
    [InlineData(new[] { RunStatus.Unreachable, RunStatus.Failed }, 1)]
    [InlineData(new[] { RunStatus.Changed, RunStatus.RolledBack }, 1)]
    public void The_most_serious_host_outcome_wins(RunStatus[] hosts, int expected)
    {
        new RunResult(false, hosts.Select(Host).ToList(), TimeSpan.Zero).ExitCode.ShouldBe(expected);
    }

    [Fact]
    public void Invalid_input_is_four() => ExitCodes.InvalidInput.ShouldBe(4);

    [Theory]
    [InlineData(0, 2, 2)]
    [InlineData(2, 3, 3)]
    [InlineData(3, 1, 1)]
    [InlineData(1, 3, 1)]
    [InlineData(1, 2, 1)]
    [InlineData(3, 2, 3)]
    public void Worst_follows_the_documented_order(int a, int b, int worst) => ExitCodes.Worst(a, b).ShouldBe(worst);
}

public class StageSelectionTests
{
    [Theory]
    [InlineData("3", 3, "pop3s", true)]
    [InlineData("3", 4, "x", false)]
    [InlineData("pop3s", 3, "pop3s", true)]
    [InlineData("1-4", 4, "x", true)]
    [InlineData("1-4", 5, "x", false)]
    [InlineData("..3", 1, "x", true)]
    [InlineData("6..", 8, "x", true)]
    [InlineData("6..", 5, "x", false)]
    public void Names_numbers_and_ranges(string item, int number, string name, bool included) =>
        new StageSelection([item]).Includes(number, name).ShouldBe(included);

    [Fact]
    public void Unknown_names_are_reported()
    {
        new StageSelection(["smtp", "pop4", "2-3"]).Unknown([(1, "smtp"), (2, "pop3")]).ShouldBe(["pop4"]);
    }
}
