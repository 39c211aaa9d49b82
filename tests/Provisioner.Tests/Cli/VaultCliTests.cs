using Provisioner.Tests.Playbooks;

namespace Provisioner.Tests.CliTests;

/// <summary>Vault passwords and prompts through the real program (issue 16, items 5 and 6).</summary>
public sealed class VaultCliTests : IDisposable
{
    private readonly TempDir _dir = new();
    public void Dispose() => _dir.Dispose();

    public VaultCliTests()
    {
        _dir.Write("play.yml", PasswordPlaybook.Text);
        File.Copy(Fixture.Path("vault/vars-1.1.yml"), Path.Combine(_dir.Path, "vault.yml"));
        _dir.Write("pw", "correct horse battery\n");
        _dir.Write("wrong", "not it\n");
    }

    [Fact]
    public async Task A_vault_file_decrypts_with_the_password_file()
    {
        var run = await ProvisionProcess.RunAsync(_dir.Path, "validate", "play.yml", "-e", "@vault.yml", "--vault-password-file", "pw");
        run.ExitCode.ShouldBe(0, run.ToString());
    }

    [Fact]
    public async Task A_wrong_password_is_exit_4_naming_the_file()
    {
        var run = await ProvisionProcess.RunAsync(_dir.Path, "validate", "play.yml", "--vars-file", "vault.yml", "--vault-password-file", "wrong");
        run.ExitCode.ShouldBe(4, run.ToString());
        run.Stderr.ShouldContain("vault.yml:1:1: the file cannot be decrypted: wrong vault password");
        run.Stderr.ShouldNotContain("not it");
    }

    [Fact]
    public async Task No_password_is_exit_4_saying_how_to_give_one()
    {
        var run = await ProvisionProcess.RunAsync(_dir.Path, "validate", "play.yml", "--vars-file", "vault.yml");
        run.ExitCode.ShouldBe(4, run.ToString());
        run.Stderr.ShouldContain("no vault password was given");
        run.Stderr.ShouldContain("--ask-vault-pass");
    }

    [Theory]
    [InlineData("--ask-vault-pass")]
    [InlineData("-K")]
    public async Task Asking_for_a_password_without_a_terminal_refuses_at_once(string option)
    {
        var command = option == "-K" ? "check" : "validate";
        var run = await ProvisionProcess.RunAsync(_dir.Path, command, "play.yml", "-e", "@vault.yml", "--vault-password-file", "pw", option);
        run.Killed.ShouldBeFalse();
        run.ExitCode.ShouldBe(4, run.ToString());
        run.Stderr.ShouldContain("needs a terminal");
    }

    [Fact]
    public async Task The_environment_variable_names_the_password_file()
    {
        var run = await ProvisionProcess.RunAsync(_dir.Path, new Dictionary<string, string> { ["ANSIBLE_VAULT_PASSWORD_FILE"] = Path.Combine(_dir.Path, "pw") },
            "validate", "play.yml", "-e", "@vault.yml");
        run.ExitCode.ShouldBe(0, run.ToString());
    }

    /// <summary>A decrypted value is a secret: an error about it shows it masked.</summary>
    [Fact]
    public async Task A_decrypted_value_is_masked_in_an_error_about_it()
    {
        _dir.Write("bad.yml", """
            - name: uses a password as a mode
              hosts: all
              stages:
                - name: one
                  tasks:
                    - name: file
                      file: { path: /tmp/x, state: directory, mode: "{{ db_password }}" }
            """);
        var run = await ProvisionProcess.RunAsync(_dir.Path, "validate", "bad.yml", "-e", "@vault.yml", "--vault-password-file", "pw");
        run.ExitCode.ShouldBe(4, run.ToString());
        run.Stderr.ShouldContain("bad.yml:7:");
        run.Stderr.ShouldNotContain("s3cret-from-vault");
    }
}
