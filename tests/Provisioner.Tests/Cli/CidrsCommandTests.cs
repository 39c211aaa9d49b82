using Provisioner.Cli;
using Provisioner.Tests.Playbooks;
using Provisioner.Yaml;

namespace Provisioner.Tests.CliTests;

/// <summary>cidrs checks every file before it writes anything: bad input is exit 4 with file:line and no output.</summary>
public sealed class CidrsCommandTests : IDisposable
{
    private readonly TempDir _dir = new();
    public void Dispose() => _dir.Dispose();

    private static (int Exit, string Out, string Err) Run(params string[] files)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var exit = CidrsCommand.Execute(["JP"], files, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void A_good_file_becomes_the_vars_file()
    {
        var file = _dir.Write("apnic", "apnic|JP|ipv4|1.0.16.0|4096|20110412|allocated\n");
        var (exit, output, error) = Run(file);
        (exit, error).ShouldBe((0, ""));
        output.ShouldEndWith("client_reject_cidrs:\n  - 1.0.16.0/20\n");
    }

    [Fact]
    public void A_count_past_the_end_of_the_address_space_is_a_located_error_and_nothing_is_written()
    {
        var good = _dir.Write("apnic", "apnic|JP|ipv4|1.0.16.0|4096|20110412|allocated\n");
        var bad = _dir.Write("ripe", "2|ripencc|1\nripencc|JP|ipv4|255.255.255.0|4096|20110412|allocated\n");
        var (exit, output, error) = Run(good, bad);
        (exit, output).ShouldBe((4, ""));
        error.ShouldStartWith($"{bad}:2:31: 4096 addresses from 255.255.255.0 run past the end of the IPv4 address space — {Fix}");
    }

    private const string Fix = "check the line: registry|cc|type|start|value|date|status, the value an address count (ipv4) or a prefix length (ipv6)";

    /// <summary>Issue 24: these were skipped with a warning and the rest written (exit 0), though the README said nothing would be.</summary>
    [Theory]
    [InlineData("ripencc|JP|ipv4|1.0.16.0|-4096|20110412|allocated", 26, "the address count '-4096' is not a whole number above 0 (ASCII digits)")]
    [InlineData("ripencc|JP|ipv4|1.0.16.0|\uFF14\uFF10\uFF19\uFF16|20110412|allocated", 26, "the address count '\uFF14\uFF10\uFF19\uFF16' is not a whole number above 0 (ASCII digits)")]
    [InlineData("ripencc|JP|ipv4|1.0.16|4096|20110412|allocated", 17, "'1.0.16' is not an IPv4 address")]
    [InlineData("ripencc|JP|ipv6|2001:db8::|129|20110412|allocated", 28, "the prefix length '129' is not a whole number from 0 to 128")]
    [InlineData("ripencc|JP|ipv6|2001:db8::1|32|20110412|allocated", 17, "2001:db8::1/32 has host bits set")]
    [InlineData("ripencc|JP|ipv6|2001:db8::", 1, "an ipv6 record needs 7 fields separated by '|', this line has 4")]
    public void A_malformed_address_line_is_a_located_error_and_nothing_is_written(string line, int column, string message)
    {
        line = System.Text.RegularExpressions.Regex.Unescape(line);
        var good = _dir.Write("apnic", "apnic|JP|ipv4|1.0.16.0|4096|20110412|allocated\n");
        var bad = _dir.Write("ripe", "2|ripencc|1\n" + line + "\n");
        var (exit, output, error) = Run(good, bad);
        (exit, output).ShouldBe((4, ""));
        error.ShouldBe($"{bad}:2:{column}: {System.Text.RegularExpressions.Regex.Unescape(message)} — {Fix}\n1 error(s); nothing was written (exit 4).\n");
    }

    [Fact]
    public void A_line_over_the_line_length_limit_is_refused()
    {
        var file = _dir.Write("long", "apnic|JP|ipv4|1.0.16.0|4096|20110412|allocated\n" + new string('9', InputLimits.MaxLineLength + 1) + "\n");
        var (exit, output, error) = Run(file);
        (exit, output).ShouldBe((4, ""));
        error.ShouldStartWith($"{file}:2:{InputLimits.MaxLineLength + 1}: a line longer than {InputLimits.MaxLineLength} characters (line length limit) — name an RIR delegated-stats file");
    }

    [Fact]
    public void A_device_is_refused_before_reading()
    {
        var (exit, output, error) = Run("/dev/zero");
        (exit, output).ShouldBe((4, ""));
        error.ShouldStartWith("/dev/zero: not a regular file (a character device) — name a file");
    }
}
