using Provisioner.Transport;

namespace Provisioner.Tests.Transport;

/// <summary>
/// The fault sweep's kill points. A stage's probes may run one host command more or less from run to
/// run (a Maildir look), so the journal's commit has no fixed place in the count: a sweep part with
/// --every above 1 could skip it. The named point finds it wherever it falls.
/// </summary>
public class FaultPointTests
{
    private static readonly Command Plain = Command.Of("true");
    private static readonly Command Commit = Command.Script("sh journal.sh commit") with { FaultMark = "commit" };

    private static (FaultPoint Point, Func<int> Kills) Make(string? value)
    {
        var kills = 0;
        return (FaultPoint.Parse(value, () => kills++), () => kills);
    }

    [Fact]
    public void A_count_kills_right_after_that_many_commands_once()
    {
        var (point, kills) = Make("3");
        point.Passed(Plain);
        point.Passed(Commit);
        kills().ShouldBe(0);
        point.Passed(Plain);
        kills().ShouldBe(1);
        point.Passed(Plain);
        kills().ShouldBe(1);
    }

    [Fact]
    public void A_name_kills_right_after_the_command_marked_with_it_wherever_it_falls()
    {
        var (point, kills) = Make("commit");
        for (var i = 0; i < 50; i++) point.Passed(Plain);
        kills().ShouldBe(0);
        point.Passed(Commit);
        kills().ShouldBe(1);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("Commit")]
    [InlineData("commit now")]
    public void Unset_or_unreadable_kills_nothing(string? value)
    {
        var (point, kills) = Make(value);
        for (var i = 0; i < 5; i++)
        {
            point.Passed(Plain);
            point.Passed(Commit);
        }
        kills().ShouldBe(0);
    }
}
