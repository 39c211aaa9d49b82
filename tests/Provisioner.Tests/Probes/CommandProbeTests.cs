using Provisioner.Probes;
using Provisioner.Transport;

namespace Provisioner.Tests.Probes;

public sealed class CommandProbeTests
{
    private readonly CommandProbe _probe = new();

    private static FakeRemoteHost Host(int rc, string stdout) => new(new CommandResult(rc, stdout, rc == 0 ? "" : "boom", TimeSpan.Zero));

    [Fact]
    public async Task Runs_the_command_and_passes_on_exit_0()
    {
        var host = Host(0, "");
        var outcome = await ProbeTestKit.RunAsync(_probe, "{ cmd: postfix check }", host);
        outcome.Passed.ShouldBeTrue(outcome.Actual);
        outcome.Expected.ShouldBe("`postfix check` exits 0");
        host.Commands.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            c => c.ScriptText.ShouldBe("postfix check"),
            c => c.ReadOnly.ShouldBeFalse()); // a user script: never retried, and it invalidates cached reads
    }

    [Fact]
    public async Task Wrong_exit_status_fails_with_stderr()
    {
        var outcome = await ProbeTestKit.RunAsync(_probe, "{ cmd: doveconf -n }", Host(89, ""));
        outcome.Passed.ShouldBeFalse();
        outcome.Actual.ShouldBe("exit 89: boom; stdout: (empty)");
    }

    [Fact]
    public async Task Expect_rc_accepts_a_non_zero_status()
    {
        var outcome = await ProbeTestKit.RunAsync(_probe, "{ cmd: grep -q x /etc/none, expect_rc: 1 }", Host(1, ""));
        outcome.Passed.ShouldBeTrue(outcome.Actual);
    }

    [Theory]
    [InlineData("stdout_contains: dovecot", true)]
    [InlineData("stdout_contains: [dovecot, cyrus]", true)]
    [InlineData("stdout_contains: sasl", false)]
    [InlineData("stdout_not_contains: sasl", true)]
    [InlineData("stdout_not_contains: cyrus", false)]
    [InlineData("stdout_matches: '^dove\\w+$'", true)]
    [InlineData("stdout_matches: '^cyrus \\d+'", false)]
    public async Task Stdout_checks(string check, bool passes)
    {
        var outcome = await ProbeTestKit.RunAsync(_probe, $"cmd: postconf -a\n{check}\n", Host(0, "cyrus\ndovecot\n"));
        outcome.Passed.ShouldBe(passes, outcome.Expected + " / " + outcome.Actual);
        if (!passes) outcome.Actual.ShouldBe("stdout: cyrus\ndovecot");
    }

    [Fact]
    public async Task Invalid_regex_is_an_argument_error()
    {
        var outcome = await ProbeTestKit.RunAsync(_probe, "{ cmd: postconf -n, stdout_matches: '([' }", Host(0, ""));
        outcome.Passed.ShouldBeFalse();
        outcome.Expected.ShouldBe("valid arguments");
        outcome.Actual.ShouldContain("not a valid regular expression");
    }
}
