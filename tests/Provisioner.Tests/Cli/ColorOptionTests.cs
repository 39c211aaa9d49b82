using Provisioner.Tests.Playbooks;

namespace Provisioner.Tests.CliTests;

/// <summary>Issue 16: --color reaches the console reporter; a redirected stderr (a pipe, CI) stays plain.</summary>
public sealed class ColorOptionTests : IDisposable
{
    private readonly TempDir _dir = new();
    public void Dispose() => _dir.Dispose();

    /// <summary>A host on a closed local port: the run ends at once with "unreachable" (exit 3).</summary>
    private Task<ProcessOutcome> Run(IReadOnlyDictionary<string, string> environment, params string[] more)
    {
        _dir.Write("play.yml", "- hosts: all\n  stages:\n    - name: one\n      tasks:\n        - command: 'true'\n");
        _dir.Write("hosts", "web1 address=127.0.0.1 port=1\n");
        return ProvisionProcess.RunAsync(_dir.Path, environment, ["apply", "play.yml", "-i", "hosts", .. more]);
    }

    [Fact]
    public async Task A_redirected_run_is_plain_even_where_the_terminal_type_could_colour()
    {
        var run = await Run(new Dictionary<string, string> { ["TERM"] = "xterm-256color" });

        run.ExitCode.ShouldBe(3, run.ToString());
        run.Stderr.ShouldContain("[web1] unreachable: ");
        run.Stderr.ShouldNotContain("\x1b");
    }

    [Fact]
    public async Task Color_always_colours_a_redirected_run_despite_no_color_but_draws_no_progress_line()
    {
        var run = await Run(new Dictionary<string, string> { ["NO_COLOR"] = "1" }, "--color", "always");

        run.ExitCode.ShouldBe(3, run.ToString());
        run.Stderr.ShouldContain("\x1b[31m[web1] unreachable: ");
        run.Stderr.ShouldNotContain("\r");
    }

    [Fact]
    public async Task An_unknown_color_mode_is_exit_4_naming_the_choices()
    {
        var run = await Run(new Dictionary<string, string>(), "--color", "sometimes");

        run.ExitCode.ShouldBe(4, run.ToString());
        run.Stderr.ShouldContain("sometimes");
        run.Stderr.ShouldContain("auto");
    }
}
