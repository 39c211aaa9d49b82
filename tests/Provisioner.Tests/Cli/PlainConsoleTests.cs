using System.Diagnostics;
using Provisioner.Cli;
using Provisioner.Tests.Playbooks;

namespace Provisioner.Tests.CliTests;

/// <summary>
/// Issue 26, item 10: with colour off nothing writes a terminal control sequence — not the reporter,
/// and not .NET's console, whose first write on a terminal switches the keypad mode (ESC [?1h ESC =).
/// </summary>
public sealed class PlainConsoleTests : IDisposable
{
    private readonly TempDir _dir = new();
    public void Dispose() => _dir.Dispose();

    private static Func<string, string?> Environment(params (string Name, string Value)[] set) =>
        name => set.FirstOrDefault(v => v.Name == name).Value;

    [Theory]
    [InlineData(new[] { "apply", "p.yml", "--color", "never" }, true)]
    [InlineData(new[] { "apply", "p.yml", "--color=never" }, true)]
    [InlineData(new[] { "apply", "p.yml" }, false)]
    [InlineData(new[] { "apply", "p.yml", "--color", "always" }, false)]
    [InlineData(new[] { "apply", "p.yml", "--", "--color", "never" }, false)]   // after --, a value, not the option
    [InlineData(new[] { "validate", "p.yml" }, false)]                           // no --color: auto
    public void Colour_is_off_as_color_says(string[] args, bool off) =>
        PlainConsole.ColourIsOff(args, Environment(("TERM", "xterm")), stderrIsTerminal: true).ShouldBe(off);

    [Theory]
    [InlineData("NO_COLOR", "1")]
    [InlineData("ANSIBLE_NOCOLOR", "true")]
    [InlineData("TERM", "dumb")]
    public void Colour_is_off_as_the_environment_says(string name, string value) =>
        PlainConsole.ColourIsOff(["apply", "p.yml"], Environment((name, value), ("TERM", "xterm")), stderrIsTerminal: true).ShouldBeTrue();

    [Fact]
    public void Ansible_force_color_turns_it_on_even_into_a_pipe() =>
        PlainConsole.ColourIsOff(["apply", "p.yml"], Environment(("ANSIBLE_FORCE_COLOR", "1")), stderrIsTerminal: false).ShouldBeFalse();

    /// <summary>The real program on a pseudo-terminal (util-linux script), TERM=xterm, its output as the terminal got it.</summary>
    private async Task<string> OnTerminalAsync(string environment, string args)
    {
        _dir.Write("play.yml", "- hosts: all\n  stages:\n    - name: one\n      tasks:\n        - command: 'true'\n");
        _dir.Write("hosts", "web1 address=127.0.0.1 port=1\n");
        var psi = new ProcessStartInfo("script") { RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false, WorkingDirectory = _dir.Path };
        foreach (var a in (string[])["-qec", $"env TERM=xterm {environment} dotnet {Path.Combine(AppContext.BaseDirectory, "provision.dll")} {args}", "/dev/null"]) psi.ArgumentList.Add(a);
        psi.Environment["PROVISION_LOG_DIR"] = Path.Combine(_dir.Path, "logs");
        using var process = Process.Start(psi)!;
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync();
        return output;
    }

    [ScriptFact]
    public async Task A_colourless_run_on_a_terminal_writes_no_control_sequence()
    {
        (await OnTerminalAsync("", "apply play.yml -i hosts --color never")).ShouldSatisfyAllConditions(
            o => o.ShouldContain("[web1] unreachable"),
            o => o.ShouldNotContain("\x1b"));
        (await OnTerminalAsync("ANSIBLE_NOCOLOR=1", "apply play.yml -i hosts")).ShouldSatisfyAllConditions(
            o => o.ShouldContain("[web1] unreachable"),
            o => o.ShouldNotContain("\x1b"));
        (await OnTerminalAsync("NO_COLOR=1", "validate play.yml -i hosts")).ShouldSatisfyAllConditions(
            o => o.ShouldContain("play.yml: valid"),
            o => o.ShouldNotContain("\x1b"));
    }

    [ScriptFact]
    public async Task A_coloured_run_on_the_same_terminal_does_colour() =>
        (await OnTerminalAsync("", "apply play.yml -i hosts")).ShouldContain("\x1b[31m[web1] unreachable");
}

/// <summary>Runs only where util-linux's script can give the program a pseudo-terminal.</summary>
public sealed class ScriptFactAttribute : FactAttribute
{
    public ScriptFactAttribute()
    {
        var installed = (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, "script")));
        if (!installed) Skip = "script (util-linux) is not installed: apt-get install bsdutils";
    }
}
