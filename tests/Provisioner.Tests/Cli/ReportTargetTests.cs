using Provisioner.Tests.Playbooks;

namespace Provisioner.Tests.CliTests;

/// <summary>
/// A report is never written over a file the run reads, nor over the other report: exit 4, before
/// anything is read from a host, the file untouched (issue 22, item 6).
/// </summary>
public sealed class ReportTargetTests : IDisposable
{
    private readonly TempDir _dir = new();
    public void Dispose() => _dir.Dispose();

    private const string Play = "- hosts: all\n  vars_files: [vars/site.yml]\n  defaults_files: [vars/defaults.yml]\n  stages:\n    - name: one\n      tasks:\n        - template: { src: templates/a.liquid, dest: /tmp/never-written }\n    - import_stage: stages/two.yml\n";

    /// <summary>A host on a closed local port: a run that got as far as connecting ends "unreachable" (exit 3).</summary>
    private Task<ProcessOutcome> Check(params string[] more)
    {
        _dir.Write("site.yml", Play);
        _dir.Write("vars/site.yml", "x: 1\n");
        _dir.Write("vars/defaults.yml", "y: 2\n");
        _dir.Write("templates/a.liquid", "{{ x }}\n");
        _dir.Write("stages/two.yml", "name: two\ntasks:\n  - import_tasks: ../tasks/two.yml\n");
        _dir.Write("tasks/two.yml", "- file: { path: /tmp/never-made, state: directory }\n");
        _dir.Write("hosts", "web1 address=127.0.0.1 port=1\n");
        _dir.WriteSecret("mine.secret.yml", "password: s3cr3t-value\n");
        return ProvisionProcess.RunAsync(_dir.Path, ["check", "site.yml", "-i", "hosts", "--vars-file", "mine.secret.yml", .. more]);
    }

    [Theory]
    [InlineData("--report", "site.yml", "the playbook")]
    [InlineData("--report", "mine.secret.yml", "a --vars-file")]
    [InlineData("--junit", "hosts", "an inventory")]
    [InlineData("--report", "vars/site.yml", "a vars_files entry of play 'all'")]
    [InlineData("--report", "vars/defaults.yml", "a defaults_files entry of play 'all'")]
    [InlineData("--junit", "templates/a.liquid", "the src of task")]
    [InlineData("--report", "stages/two.yml", "a file the playbook imports")]
    [InlineData("--junit", "tasks/two.yml", "a file the playbook imports")]
    public async Task A_report_path_that_is_an_input_is_exit_4_and_the_file_is_untouched(string option, string target, string what)
    {
        var run = await Check(option, target);

        run.ExitCode.ShouldBe(4, run.ToString());
        run.Stderr.ShouldContain($"{option}: '{target}' is {what}");
        run.Stderr.ShouldNotContain("unreachable", Case.Sensitive, "the run connected before refusing its report path");
        run.Stderr.ShouldNotContain("s3cr3t-value");
        File.ReadAllText(Path.Combine(_dir.Path, target)).ShouldNotContain("\"hosts\"", Case.Sensitive, "the input was overwritten");
        if (target == "mine.secret.yml") File.GetUnixFileMode(Path.Combine(_dir.Path, target)).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public async Task A_link_to_an_input_is_the_input()
    {
        File.CreateSymbolicLink(Path.Combine(_dir.Path, "report.json"), "site.yml");
        var run = await Check("--report", "report.json");
        run.ExitCode.ShouldBe(4, run.ToString());
        run.Stderr.ShouldContain("is the playbook");
    }

    [Fact]
    public async Task The_same_file_for_both_reports_is_exit_4()
    {
        var run = await Check("--report", "out.json", "--junit", "./out.json");
        run.ExitCode.ShouldBe(4, run.ToString());
        run.Stderr.ShouldContain("--report: 'out.json' is also the --junit file");
        File.Exists(Path.Combine(_dir.Path, "out.json")).ShouldBeFalse();
    }

    [Fact]
    public async Task Distinct_report_files_are_written()
    {
        var run = await Check("--report", "out.json", "--junit", "out.xml");
        run.ExitCode.ShouldBe(3, run.ToString());
        File.ReadAllText(Path.Combine(_dir.Path, "out.json")).ShouldContain("\"hosts\"");
        File.ReadAllText(Path.Combine(_dir.Path, "out.xml")).ShouldContain("<testsuites");
    }
}
