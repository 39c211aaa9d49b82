using System.Diagnostics;
using System.Text;
using Provisioner.Tests.Playbooks;

namespace Provisioner.Tests.CliTests;

/// <summary>
/// --ask-vault-pass on a real terminal: util-linux <c>script</c> gives the program a pseudo-terminal,
/// the test types the password once the prompt is shown, and the password must not be echoed.
/// </summary>
public sealed class TerminalPromptTests : IDisposable
{
    private const string Password = "correct horse battery";
    private readonly TempDir _dir = new();
    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task The_vault_password_is_read_from_the_terminal_without_echo()
    {
        _dir.Write("play.yml", PasswordPlaybook.Text);
        File.Copy(Fixture.Path("vault/vars-1.1.yml"), Path.Combine(_dir.Path, "vault.yml"));
        var dll = Path.Combine(AppContext.BaseDirectory, "provision.dll");
        var psi = new ProcessStartInfo("script", ["-qefc", $"dotnet '{dll}' validate play.yml -e @vault.yml --ask-vault-pass", "/dev/null"])
        {
            WorkingDirectory = _dir.Path,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.Environment.Remove("ANSIBLE_VAULT_PASSWORD_FILE");
        psi.Environment["PROVISION_LOG_DIR"] = Path.Combine(_dir.Path, "logs");
        using var process = Process.Start(psi)!;
        using var timeout = new CancellationTokenSource(ProvisionProcess.KillAfter);
        var seen = new StringBuilder();
        try
        {
            // Type only once the prompt is up: the terminal would echo anything typed before the program turns echo off.
            var buffer = new char[256];
            while (!seen.ToString().Contains("Vault password: ", StringComparison.Ordinal))
            {
                var n = await process.StandardOutput.ReadAsync(buffer, timeout.Token);
                if (n == 0) break;
                seen.Append(buffer, 0, n);
            }
            await process.StandardInput.WriteAsync(Password + "\r");
            await process.StandardInput.FlushAsync();
            seen.Append(await process.StandardOutput.ReadToEndAsync(timeout.Token));
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }

        var output = seen.ToString();
        process.ExitCode.ShouldBe(0, output);
        output.ShouldContain("play.yml: valid");
        output.ShouldNotContain(Password);
    }
}
