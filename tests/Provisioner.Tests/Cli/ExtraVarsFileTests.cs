using Provisioner.Tests.Playbooks;

namespace Provisioner.Tests.CliTests;

/// <summary>
/// Issue 16, item 8: <c>-e @file</c> is Ansible's "variables from a file", not a response file. The
/// command-line parser used to expand it into arguments, so the run failed, and with a secret file
/// the error quoted the file's content — the secret — in clear.
/// </summary>
public sealed class ExtraVarsFileTests : IDisposable
{
    private const string Secret = "hunter2-correct-horse";
    private readonly TempDir _dir = new();
    public void Dispose() => _dir.Dispose();

    private void Playbook(string secretFile)
    {
        _dir.Write("play.yml", PasswordPlaybook.Text);
        _dir.WriteSecret("db.secret.yml", secretFile);
    }

    [Fact]
    public async Task At_file_is_a_vars_file_not_a_response_file()
    {
        Playbook($"db_password: {Secret}\n");

        var run = await ProvisionProcess.RunAsync(_dir.Path, "validate", "play.yml", "-e", "@db.secret.yml");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Stderr.ShouldNotContain(Secret);
    }

    [Fact]
    public async Task A_broken_secret_file_given_with_at_never_shows_its_content()
    {
        Playbook($"db_password: {Secret}\n  other: [\n");

        var run = await ProvisionProcess.RunAsync(_dir.Path, "validate", "play.yml", "-e", "@db.secret.yml");

        run.ExitCode.ShouldBe(4, run.ToString());
        run.Stderr.ShouldContain("db.secret.yml");
        run.Stderr.ShouldNotContain(Secret);
        run.Stderr.ShouldNotContain("hunter2");
    }

    [Fact]
    public async Task A_missing_at_file_names_the_file()
    {
        _dir.Write("play.yml", PasswordPlaybook.Text);
        var run = await ProvisionProcess.RunAsync(_dir.Path, "validate", "play.yml", "-e", "@nope.yml");
        run.ExitCode.ShouldBe(4, run.ToString());
        run.Stderr.ShouldContain("nope.yml: file not found");
    }
}
