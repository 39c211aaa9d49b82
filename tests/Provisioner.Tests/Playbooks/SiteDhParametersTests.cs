using System.Diagnostics;
using Provisioner.Modules;

namespace Provisioner.Tests.Playbooks;

/// <summary>
/// Issue 25, item 8: Dovecot 2.3's ssl_dh names a file site.yml itself installs (RFC 7919's ffdhe2048
/// group, a public constant: nothing to generate, nothing secret), before the configuration that reads it.
/// </summary>
public sealed class SiteDhParametersTests
{
    private static SiteOnHost Host(string dovecotMajor) =>
        new(new Dictionary<string, object?> { ["os_family"] = "redhat", ["dovecot_major"] = dovecotMajor });

    [Fact]
    public void Stage_3_installs_the_dh_parameters_for_dovecot_2_3_before_the_settings_that_name_them()
    {
        using var host = Host("2.3");
        var tasks = host.Stage("pop3s").Tasks.Select(t => t.Name).ToList();
        var copy = host.Args<Modules.Files.ManagedFile>("pop3s", "DH parameters for Dovecot 2.3 (RFC 7919 ffdhe2048)");
        copy.Dest.ShouldBe("/etc/dovecot/ffdhe2048.pem");
        tasks.IndexOf("DH parameters for Dovecot 2.3 (RFC 7919 ffdhe2048)").ShouldBeLessThan(tasks.IndexOf("POP3S settings"));
        // Dovecot 2.4 has no ssl_dh: the task does not apply there.
        host.Stage("pop3s").Tasks.Single(t => t.Name.StartsWith("DH parameters", StringComparison.Ordinal)).When.ShouldBe("facts.dovecot_major == \"2.3\"");
    }

    [Fact]
    public void The_file_is_rfc_7919_ffdhe2048_as_openssl_knows_it()
    {
        var file = Fixture.Path(Path.Combine("..", "..", "..", "playbooks", "files", "dovecot", "ffdhe2048.pem"));
        var psi = new ProcessStartInfo("openssl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "dhparam", "-in", file, "-noout", "-text" }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var text = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        p.ExitCode.ShouldBe(0, p.StandardError.ReadToEnd());
        text.ShouldContain("GROUP: ffdhe2048");
    }
}
