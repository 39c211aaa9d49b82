using Provisioner.Tests.Playbooks;
using Provisioner.Vault;
using Provisioner.Yaml;

namespace Provisioner.Tests.VaultTests;

/// <summary>Issue 24: a vault password script runs with a timeout and its output is read within a bound.</summary>
public sealed class VaultScriptTests : IDisposable
{
    private static readonly SourceSpan At = SourceSpan.CommandLine("--vault-password-file pw.sh");
    private readonly TempDir _dir = new();
    public void Dispose() => _dir.Dispose();

    private string Script(string body)
    {
        var path = _dir.Write("pw.sh", "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    [Fact]
    public void Prints_the_password()
    {
        var d = new Diagnostics();
        VaultScript.Run(Script("echo '  s3cret  '"), At, d).ShouldBe("s3cret");
        d.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("sleep 600")] // never ends
    [InlineData("echo pw; exec sleep 600")] // prints, then never ends
    [InlineData("sleep 600 & echo pw")] // ends, but a child keeps its output open
    public void A_script_that_does_not_finish_is_stopped_at_the_timeout(string body)
    {
        var d = new Diagnostics();
        VaultScript.Run(Script(body), At, d, TimeSpan.FromSeconds(1)).ShouldBeNull();
        d.Single().ToString().ShouldBe("--vault-password-file pw.sh: the vault password script did not finish within 1 s — run it by hand: it must print the password and end");
    }

    [Fact]
    public void Output_past_the_bound_is_refused_and_never_shown()
    {
        var d = new Diagnostics();
        VaultScript.Run(Script("exec yes s3cret-s3cret"), At, d).ShouldBeNull();
        d.Single().ToString().ShouldBe($"--vault-password-file pw.sh: the vault password script printed more than {VaultScript.MaxOutputBytes / 1024} KiB — run it by hand: it must print the password and end");
    }

    [Fact]
    public void Endless_errors_are_drained_not_kept()
    {
        var d = new Diagnostics();
        VaultScript.Run(Script("head -c 10000000 /dev/zero >&2; echo pw"), At, d).ShouldBe("pw");
    }
}
