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
        error.ShouldStartWith($"{bad}:2:31: 4096 addresses from 255.255.255.0 run past the end of the IPv4 address space — check the line (the count is the 5th field)");
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
