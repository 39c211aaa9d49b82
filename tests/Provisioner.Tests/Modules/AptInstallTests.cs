using System.Diagnostics;
using Provisioner.Modules.Packages;

namespace Provisioner.Tests.ModuleTests;

/// <summary>
/// The policy-rc.d that apt installs run under, executed for real by /bin/sh with a stand-in
/// systemctl that says whether the unit runs; and the install script run with a stand-in apt-get
/// against a policy path in a temporary directory.
/// </summary>
public class AptInstallTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("apt-install-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private (int Code, string Out) Sh(string script, IReadOnlyList<string> args, bool running = false)
    {
        var bin = Path.Combine(_dir, "bin");
        Directory.CreateDirectory(bin);
        Write(Path.Combine(bin, "systemctl"), $"#!/bin/sh\nexit {(running ? 0 : 3)}\n");
        // The stand-in apt-get shows what policy it ran under.
        Write(Path.Combine(bin, "apt-get"), $"#!/bin/sh\necho \"apt-get $*\"; cat {_dir}/policy 2>/dev/null | sed -n 2p; exit ${{APT_EXIT:-0}}\n");
        var psi = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script);
        psi.ArgumentList.Add("sh");
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["PATH"] = bin + ":/usr/bin:/bin";
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output);
    }

    private static void Write(string path, string text)
    {
        File.WriteAllText(path, text);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    [Theory]
    [InlineData("start", false, 101)]
    [InlineData("start", true, 101)]
    [InlineData("restart", false, 101)]
    [InlineData("restart", true, 0)]
    [InlineData("force-reload", false, 101)]
    [InlineData("stop", false, 0)]
    [InlineData("status", false, 0)]
    [InlineData("restart start", true, 101)]
    public void Policy_forbids_bringing_a_stopped_service_up_and_nothing_else(string actions, bool running, int expected)
    {
        Sh(AptInstall.Policy, ["dovecot.service", actions], running).Code.ShouldBe(expected);
        Sh(AptInstall.Policy, ["--quiet", "dovecot", actions], running).Code.ShouldBe(expected);
    }

    private string Script(string policy) => AptInstall.Command(["dovecot-core", "x; rm -rf /"], TimeSpan.FromMinutes(1)).Render()
        .Replace(AptInstall.PolicyPath, Path.Combine(_dir, policy));

    [Fact]
    public void Install_runs_under_the_policy_and_removes_it_even_when_apt_fails()
    {
        var (code, output) = Sh(Script("policy"), []);
        code.ShouldBe(0);
        output.ShouldContain("apt-get -y -q -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold install -- dovecot-core x; rm -rf /");
        output.ShouldContain(AptInstall.Marker);
        File.Exists(Path.Combine(_dir, "policy")).ShouldBeFalse();

        var failing = Script("policy").Replace("env DEBIAN_FRONTEND", "APT_EXIT=100 env DEBIAN_FRONTEND");
        Sh(failing, []).Code.ShouldBe(100);
        File.Exists(Path.Combine(_dir, "policy")).ShouldBeFalse();
    }

    [Fact]
    public void An_admins_policy_is_used_and_kept_a_stale_copy_of_ours_is_replaced_and_removed()
    {
        var path = Path.Combine(_dir, "policy");
        Write(path, "#!/bin/sh\n# the admin's\nexit 0\n");
        Sh(Script("policy"), []).Out.ShouldContain("# the admin's");
        File.ReadAllText(path).ShouldBe("#!/bin/sh\n# the admin's\nexit 0\n");

        Write(path, "#!/bin/sh\n" + AptInstall.Marker + "\nexit 101\n");
        Sh(Script("policy"), []).Out.ShouldContain(AptInstall.Marker);
        File.Exists(path).ShouldBeFalse();
    }
}
