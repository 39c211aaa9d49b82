using Provisioner.Reporting;

namespace Provisioner.Tests.Reporting;

/// <summary>Issue 16: when the console reporter colours and draws progress (no-color.org, TERM=dumb, redirection, --color).</summary>
public sealed class ConsoleStyleTests
{
    private static ConsoleStyle Decide(string mode = "auto", bool terminal = true, string? noColor = null, string? term = "xterm-256color") =>
        ConsoleStyle.Decide(mode, terminal, noColor, term, width: 100);

    [Fact]
    public void A_terminal_gets_colour_and_the_progress_line() =>
        Decide().ShouldBe(new ConsoleStyle(Color: true, Live: true, Width: 100));

    [Theory]
    [InlineData(false, null, "xterm")]   // a pipe, a file, CI
    [InlineData(true, "1", "xterm")]     // NO_COLOR set: any non-empty value
    [InlineData(true, "0", "xterm")]
    [InlineData(true, null, "dumb")]     // cannot clear a line
    public void Auto_is_plain_when_redirected_or_asked_not_to_or_on_a_dumb_terminal(bool terminal, string? noColor, string? term) =>
        Decide(terminal: terminal, noColor: noColor, term: term).ShouldBe(ConsoleStyle.Plain);

    [Fact]
    public void An_empty_no_color_does_not_count() =>
        Decide(noColor: "").Color.ShouldBeTrue();

    [Fact]
    public void Never_is_plain_even_on_a_terminal() =>
        Decide("never").ShouldBe(ConsoleStyle.Plain);

    [Fact]
    public void Always_colours_despite_no_color_and_redirection_but_draws_progress_on_a_terminal_only()
    {
        Decide("always", noColor: "1").ShouldBe(new ConsoleStyle(true, true, 100));
        Decide("always", terminal: false).ShouldBe(new ConsoleStyle(true, false, 100));
        Decide("always", term: "dumb").ShouldBe(new ConsoleStyle(true, false, 100));
    }

    [Fact]
    public void With_the_operator_log_on_the_console_a_terminal_keeps_colour_but_no_progress_line() =>
        ConsoleStyle.Decide("auto", true, null, "xterm", width: 100, logOnConsole: true).ShouldBe(new ConsoleStyle(true, false, 100));

    [Fact]
    public void A_terminal_without_a_width_is_taken_as_80_columns() =>
        ConsoleStyle.Decide("auto", true, null, "xterm", width: 0).Width.ShouldBe(80);
}
