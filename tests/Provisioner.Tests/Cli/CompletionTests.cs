using System.CommandLine;
using System.Diagnostics;
using Provisioner.Cli;
using Provisioner.Tests.Playbooks;

namespace Provisioner.Tests.CliTests;

/// <summary>
/// Issue 16: `provision completion bash` prints a completion script made from the command tree itself,
/// so it cannot go stale. Sourced in a real bash, its function is called as bash calls it.
/// </summary>
public sealed class CompletionTests : IDisposable
{
    private readonly TempDir _dir = new();
    public void Dispose() => _dir.Dispose();

    private async Task<string> ScriptAsync()
    {
        var run = await ProvisionProcess.RunAsync(_dir.Path, "completion", "bash");
        run.ExitCode.ShouldBe(0, run.ToString());
        return _dir.Write("provision.bash", run.Stdout);
    }

    /// <summary>What bash offers for the words typed so far (the last one is being completed).</summary>
    private async Task<string[]> CompleteAsync(params string[] words)
    {
        var script = await ScriptAsync();
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _dir.Path };
        foreach (var a in (string[])["--norc", "--noprofile", "-c",
                     "source \"$1\" || exit 9; shift; COMP_WORDS=(\"$@\"); COMP_CWORD=$(( $# - 1 )); _provision; printf '%s\\n' \"${COMPREPLY[@]}\"",
                     "bash", script, .. words])
            psi.ArgumentList.Add(a);
        using var bash = Process.Start(psi)!;
        var stdout = await bash.StandardOutput.ReadToEndAsync();
        var stderr = await bash.StandardError.ReadToEndAsync();
        await bash.WaitForExitAsync();
        bash.ExitCode.ShouldBe(0, stderr);
        stderr.ShouldBeEmpty();
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public async Task A_subcommand_completes_from_its_prefix() =>
        (await CompleteAsync("provision", "ap")).ShouldBe(["apply"]);

    [Fact]
    public async Task Subcommands_sharing_a_prefix_are_all_offered() =>
        (await CompleteAsync("provision", "c")).ShouldBe(["check", "cidrs", "completion"]);

    [Fact]
    public async Task A_subcommands_options_complete_from_their_prefix() =>
        (await CompleteAsync("provision", "apply", "--li")).ShouldBe(["--limit", "--list-hosts", "--list-tags", "--list-tasks"]);

    [Fact]
    public async Task Only_the_subcommands_own_options_are_offered()
    {
        var verify = await CompleteAsync("provision", "verify", "-i", "hosts", "--");
        verify.ShouldContain("--list-tasks");
        verify.ShouldContain("--help");
        verify.ShouldNotContain("--check");
        verify.ShouldNotContain("--no-rollback");
    }

    [Fact]
    public async Task Every_option_of_every_subcommand_in_the_command_tree_is_offered()
    {
        var root = Program.BuildRoot(new CliOptions(), 0, stop: null);
        foreach (var command in root.Subcommands)
        {
            var offered = await CompleteAsync("provision", command.Name, "-");
            foreach (var option in command.Options.Where(o => !o.Hidden))
                offered.ShouldContain(option.Name, $"{command.Name} {option.Name}");
        }
    }

    [Fact]
    public async Task Playbook_and_inventory_arguments_complete_file_names()
    {
        _dir.Write("play.yml", "");
        _dir.Write("plays/other.yml", "");
        _dir.Write("hosts.yml", "");

        (await CompleteAsync("provision", "apply", "pl")).Order(StringComparer.Ordinal).ShouldBe(["play.yml", "plays"]);
        (await CompleteAsync("provision", "check", "play.yml", "-i", "ho")).ShouldBe(["hosts.yml"]);
        (await CompleteAsync("provision", "apply", "--vars-file", "pl")).Order(StringComparer.Ordinal).ShouldBe(["play.yml", "plays"]);
    }

    [Fact]
    public async Task An_option_with_choices_offers_them_and_a_number_offers_nothing()
    {
        (await CompleteAsync("provision", "apply", "--color", "")).ShouldBe(["always", "auto", "never"]);
        (await CompleteAsync("provision", "completion", "")).ShouldBe(["bash"]);
        _dir.Write("5", "");
        (await CompleteAsync("provision", "apply", "--forks", "")).ShouldBeEmpty();
    }

    /// <summary>The program itself as bash sees it typed, so the script can ask it (issue 26, item 10).</summary>
    private static string Exe => Path.Combine(AppContext.BaseDirectory, "provision");

    [Fact]
    public async Task After_limit_the_hosts_and_groups_of_the_given_inventory_are_offered()
    {
        _dir.Write("hosts", "[web]\nweb1\nweb2\n[db]\ndb1\n");
        (await CompleteAsync(Exe, "apply", "site.yml", "-i", "hosts", "-l", "w")).ShouldBe(["web", "web1", "web2"]);
        (await CompleteAsync(Exe, "check", "-i", "hosts", "site.yml", "--limit", "")).ShouldBe(["all", "ungrouped", "web", "db", "web1", "web2", "db1"]);
    }

    [Fact]
    public async Task After_stage_the_playbooks_stage_names_are_offered()
    {
        _dir.Write("site.yml", "- hosts: all\n  stages:\n    - name: smtp\n      tasks: [{ command: 'true' }]\n    - name: pop3\n      tasks: [{ command: 'true' }]\n    - name: pop3s\n      tasks: [{ command: 'true' }]\n");
        (await CompleteAsync(Exe, "apply", "site.yml", "--stage", "pop")).ShouldBe(["pop3", "pop3s"]);
    }

    [Fact]
    public async Task After_e_an_at_sign_completes_file_names()
    {
        _dir.Write("vars-prod.yml", "a: 1\n");
        (await CompleteAsync(Exe, "apply", "site.yml", "-e", "@vars-p")).ShouldBe(["@vars-prod.yml"]);
        (await CompleteAsync(Exe, "apply", "site.yml", "-e", "x")).ShouldBeEmpty();
    }

    [ShellcheckFact]
    public async Task The_script_is_shellcheck_clean()
    {
        var script = await ScriptAsync();
        var psi = new ProcessStartInfo("shellcheck") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in (string[])["-s", "bash", script]) psi.ArgumentList.Add(a);
        using var shellcheck = Process.Start(psi)!;
        var output = await shellcheck.StandardOutput.ReadToEndAsync();
        await shellcheck.WaitForExitAsync();
        shellcheck.ExitCode.ShouldBe(0, output);
    }
}

/// <summary>Skipped, with the reason, where shellcheck is not installed (tests/lint installs it, so CI always runs it).</summary>
public sealed class ShellcheckFactAttribute : FactAttribute
{
    public ShellcheckFactAttribute()
    {
        var installed = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, "shellcheck")));
        if (!installed) Skip = "shellcheck is not installed: apt-get install shellcheck (tests/lint does)";
    }
}
