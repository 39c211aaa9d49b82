using Provisioner.Tests.Playbooks;

namespace Provisioner.Tests.CliTests;

/// <summary>
/// Issue 26, item 10: the ansible-playbook flags people type by habit. Hosts are on a closed local
/// port, so a run that connects ends "unreachable" (exit 3) and one that must not connect is exit 0 or 4.
/// </summary>
public sealed class AnsibleFlagsTests : IDisposable
{
    private const string Play = """
        - hosts: all
          stages:
            - name: mail
              tasks:
                - name: install postfix
                  command: 'true'
                  tags: [packages]
                - name: configure postfix
                  command: 'true'
                  tags: [config, postfix]
            - name: web
              tasks:
                - name: install nginx
                  command: 'true'
                  tags: [packages, web]
        """;

    private readonly TempDir _dir = new();
    public void Dispose() => _dir.Dispose();

    private Task<ProcessOutcome> Run(params string[] args)
    {
        _dir.Write("play.yml", Play);
        _dir.Write("hosts", "web1 address=127.0.0.1 port=1\n");
        return ProvisionProcess.RunAsync(_dir.Path, args);
    }

    [Theory]
    [InlineData("apply", "-C, --check")]
    [InlineData("apply", "-D, --diff")]
    [InlineData("apply", "-u, --user")]
    [InlineData("apply", "-b, --become")]
    [InlineData("apply", "--private-key <FILE>")]
    [InlineData("apply", "-T, --timeout <SECONDS>")]
    [InlineData("apply", "--syntax-check")]
    [InlineData("apply", "--list-tags")]
    [InlineData("apply", "--start-at-task")]
    [InlineData("apply", "--step")]
    [InlineData("verify", "-u, --user")]
    [InlineData("verify", "-T, --timeout")]
    public async Task Help_lists_the_ansible_spelling(string command, string option)
    {
        var run = await ProvisionProcess.RunAsync(_dir.Path, command, "--help");
        run.ExitCode.ShouldBe(0, run.ToString());
        run.Stdout.ShouldContain(option);
    }

    [Fact]
    public async Task Short_C_is_check_mode()
    {
        var run = await Run("apply", "play.yml", "-i", "hosts", "-C", "-D");

        run.ExitCode.ShouldBe(3, run.ToString());
        run.Stderr.ShouldContain("DRIFT RECAP");
    }

    [Fact]
    public async Task The_private_key_and_user_flags_reach_the_connection()
    {
        var run = await Run("apply", "play.yml", "-i", "hosts", "-u", "bob", "--private-key", "/nonexistent/key", "-T", "5", "-vv");

        run.ExitCode.ShouldBe(3, run.ToString());
        run.Stderr.ShouldContain("identity file /nonexistent/key does not exist; fix identity_file in the inventory (or --private-key)");
        run.Stderr.ShouldContain("bob@127.0.0.1:1");
    }

    [Theory]
    [InlineData("-T", "0")]
    [InlineData("--timeout", "-3")]
    public async Task A_timeout_below_one_second_is_exit_4(string flag, string seconds)
    {
        var run = await Run("apply", "play.yml", "-i", "hosts", flag, seconds);

        run.ExitCode.ShouldBe(4, run.ToString());
        run.Stderr.ShouldContain($"a connection timeout of {seconds} seconds can never connect");
    }

    [Theory]
    [InlineData("-f", "abc")]
    [InlineData("--forks", "2.5")]
    [InlineData("-T", "soon")]
    [InlineData("--keep-logs", "many")]
    [InlineData("--firewall-guard", "1m")]
    public async Task A_number_option_given_text_says_a_whole_number_is_expected(string flag, string value)
    {
        var run = await Run("apply", "play.yml", "-i", "hosts", flag, value);

        run.ExitCode.ShouldBe(4, run.ToString());
        run.Stderr.ShouldContain($"{flag} expects a whole number, not '{value}'");
        run.Stderr.ShouldNotContain("System.");
        run.HasStackTrace.ShouldBeFalse();
    }

    [Fact]
    public async Task Rollbacks_stage_number_says_a_whole_number_is_expected()
    {
        var run = await Run("rollback", "play.yml", "-i", "hosts", "--stage", "mail");

        run.ExitCode.ShouldBe(4, run.ToString());
        run.Stderr.ShouldContain("--stage expects a whole number, not 'mail'");
        run.Stderr.ShouldNotContain("System.Int32");
    }

    [Fact]
    public async Task A_playbook_typed_first_suggests_the_command()
    {
        var run = await Run("play.yml", "-i", "hosts", "--check");

        run.ExitCode.ShouldBe(4, run.ToString());
        run.Stderr.ShouldContain("provision: 'play.yml' is not a command — did you mean 'provision apply play.yml -i hosts --check'?");
        run.Stderr.ShouldNotContain("Unrecognized command");
    }

    [Fact]
    public async Task An_unknown_command_that_is_no_playbook_gets_the_parsers_errors()
    {
        var run = await Run("aply", "play.yml");

        run.ExitCode.ShouldBe(4, run.ToString());
        run.Stderr.ShouldNotContain("did you mean 'provision apply");
        run.Stderr.ShouldContain("Unrecognized command or argument 'aply'");
    }

    [Fact]
    public async Task Syntax_check_validates_and_connects_to_nothing()
    {
        var run = await Run("apply", "play.yml", "-i", "hosts", "--syntax-check");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Stderr.ShouldContain("play.yml: valid (1 play(s), 2 stage(s), 3 task(s); hosts: web1)");
        run.Stderr.ShouldNotContain("unreachable");
    }

    [Fact]
    public async Task Syntax_check_of_a_broken_playbook_is_exit_4()
    {
        _dir.Write("broken.yml", "- hosts: all\n  stages:\n    - name: one\n      tasks:\n        - no_such_module: {}\n");
        var run = await Run("check", "broken.yml", "-i", "hosts", "--syntax-check");

        run.ExitCode.ShouldBe(4, run.ToString());
        run.Stderr.ShouldContain("no_such_module");
    }

    [Fact]
    public async Task List_tags_prints_each_plays_and_stages_tags_and_connects_to_nothing()
    {
        var run = await Run("apply", "play.yml", "-i", "hosts", "--list-tags");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Stdout.ShouldBe("""
            playbook: play.yml

              play #1 (all): all	TASK TAGS: [config, packages, postfix, web]
                stage 1 mail	TASK TAGS: [config, packages, postfix]
                stage 2 web	TASK TAGS: [packages, web]

            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task List_tags_follows_the_stage_selection()
    {
        var run = await Run("apply", "play.yml", "-i", "hosts", "--list-tags", "--stage", "web");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Stdout.ShouldContain("play #1 (all): all\tTASK TAGS: [packages, web]");
        run.Stdout.ShouldNotContain("stage 1 mail");
    }

    [Theory]
    [InlineData("configure postfix")]
    [InlineData("configure *")]
    public async Task Start_at_task_passes_over_every_task_before_the_first_match(string name)
    {
        var run = await Run("apply", "play.yml", "-i", "hosts", "--list-tasks", "--start-at-task", name);

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Stdout.ShouldNotContain("install postfix");
        run.Stdout.ShouldContain("task configure postfix");
        run.Stdout.ShouldContain("task install nginx");
    }

    [Fact]
    public async Task Start_at_a_task_no_play_has_is_exit_4_with_did_you_mean()
    {
        var run = await Run("apply", "play.yml", "-i", "hosts", "--start-at-task", "configure postfx");

        run.ExitCode.ShouldBe(4, run.ToString());
        run.Stderr.ShouldContain("--start-at-task: no task named 'configure postfx' in play.yml — did you mean 'configure postfix'?");
    }

    [Fact]
    public async Task Step_without_a_terminal_is_exit_4_saying_what_to_use_instead()
    {
        var run = await Run("apply", "play.yml", "-i", "hosts", "--step");

        run.ExitCode.ShouldBe(4, run.ToString());
        run.Stderr.ShouldContain("--step: needs a terminal to ask before each task");
        run.Stderr.ShouldContain("--start-at-task");
    }
}
