using Provisioner.Cli;
using Provisioner.Execution;
using Provisioner.Playbooks;
using Provisioner.Tests.Playbooks;
using Provisioner.Yaml;

namespace Provisioner.Tests.CliTests;

public sealed class OptionChecksTests
{
    private static IReadOnlyList<string> Run(Action<Diagnostics> check)
    {
        var d = new Diagnostics();
        check(d);
        return d.Items.Select(i => i.ToString()).ToList();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Forks_below_one_are_refused(int forks) =>
        Run(d => OptionChecks.Forks(forks, d)).ShouldBe([$"--forks: must be 1 or more (how many hosts run at once), not {forks} — write --forks 5, or leave it out"]);

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(14)]
    public void A_firewall_guard_too_short_to_be_safe_is_refused(int seconds) =>
        Run(d => OptionChecks.FirewallGuard(seconds, d)).ShouldBe([$"--firewall-guard: {seconds} seconds is too short to be safe: the host would undo a stage while the controller is still fine — give at least 15 seconds (default 90)"]);

    [Fact]
    public void A_firewall_guard_of_15_seconds_or_more_is_accepted() => Run(d => OptionChecks.FirewallGuard(15, d)).ShouldBeEmpty();

    [Fact]
    public void A_backwards_range_is_refused_even_without_a_playbook() =>
        Run(d => OptionChecks.Stages(new StageSelection(["9-1", "2-3"]), null, d)).ShouldBe(["--stage: the range '9-1' runs backwards — write --stage 1-9"]);

    [Fact]
    public void A_range_past_the_playbooks_stages_is_refused()
    {
        using var parse = new ParseHelper();
        var playbook = parse.Parse(ParseHelper.Task("name: t\npackage: { name: postfix }")).Playbook!;
        Run(d => OptionChecks.Stages(new StageSelection(["9-12", "1..", "..1"]), playbook, d))
            .ShouldBe([$"--stage: the range '9-12' holds no stage of {parse.File} — its stages are numbered 1 to 1"]);
    }
}
