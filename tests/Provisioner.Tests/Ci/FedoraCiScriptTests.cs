using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Provisioner.Tests.Ci;

/// <summary>
/// The workflow's scripts run here on saved inputs (the workflow itself cannot run here: no KVM guests,
/// no Fedora mirror): the release matrix from a releases.json, and the SELinux verdict from AVC logs.
/// </summary>
public sealed class FedoraCiScriptTests
{
    private static string Repo(string relative, [CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "..", relative));

    private static (int Code, string Out, string Err) Run(string script, IReadOnlyDictionary<string, string>? env, params string[] args)
    {
        var psi = new ProcessStartInfo(Repo(script)) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment.Remove("FEDORA_RELEASE");
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result.Trim(), stderr.Result.Trim());
    }

    private static string Saved(string name) => Repo($"tests/Provisioner.Tests/Fixtures/ci/{name}");

    [Fact]
    public void The_supported_releases_are_the_final_ones_with_a_generic_cloud_image()
    {
        // A list in releases.json's shape: 45 Beta, 44 and 43 for several variants and arches.
        var (code, output, error) = Run("tests/vm/fedora-releases", null, "--file", Saved("releases.json"));
        code.ShouldBe(0, error);
        output.ShouldBe("""["43","44"]""");
    }

    [Fact]
    public void The_matrix_is_every_supported_fedora_and_almalinux_10_or_one_release_by_hand()
    {
        Run("tests/vm/ci", null, "matrix", "--file", Saved("releases.json")).Out.ShouldBe(
            """[{"name":"Fedora 43","image":"fedora","release":"43"},{"name":"Fedora 44","image":"fedora","release":"44"},{"name":"AlmaLinux 10","image":"el","release":"10"}]""");
        Run("tests/vm/ci", new Dictionary<string, string> { ["FEDORA_RELEASE"] = "42" }, "matrix").Out
            .ShouldBe("""[{"name":"Fedora 42","image":"fedora","release":"42"}]""");
        var bad = Run("tests/vm/ci", new Dictionary<string, string> { ["FEDORA_RELEASE"] = "42; rm" }, "matrix");
        bad.Code.ShouldBe(1);
        bad.Err.ShouldContain("FEDORA_RELEASE must be a number");
    }

    [Fact]
    public void A_releases_list_without_a_usable_release_fails_and_says_why()
    {
        using var dir = new Playbooks.TempDir();
        var none = dir.Write("none.json", """[{"version": "45 Beta", "arch": "x86_64", "variant": "Cloud", "subvariant": "Cloud_Base", "link": "https://x/Fedora-Cloud-Base-Generic-45_Beta-1.3.x86_64.qcow2"}]""");
        var (code, _, error) = Run("tests/vm/fedora-releases", null, "--file", none);
        code.ShouldBe(1);
        error.ShouldContain("no Cloud Base Generic x86_64 qcow2 of a final release");
        var garbage = dir.Write("garbage.json", "<html>");
        Run("tests/vm/fedora-releases", null, "--file", garbage).Err.ShouldContain("is not JSON");
    }

    [Fact]
    public void A_denial_for_postfix_dovecot_certbot_or_the_journal_fails_and_is_listed()
    {
        // ausearch's records: Dovecot 2.4's LDA under Fedora 43's policy before selinux-policy PR #3102
        // (doveconf mapping its temporary config), and journald denied a read.
        var (code, output, error) = Run("tests/vm/ci", null, "avc-check", Saved("avc-mail.log"));
        code.ShouldBe(1);
        output.Split('\n').Length.ShouldBe(2);
        output.ShouldContain("scontext=system_u:system_r:dovecot_deliver_t:s0");
        output.ShouldContain("comm=\"systemd-journal\"");
        error.ShouldContain("SELinux denied postfix, dovecot, certbot or the journal something (2 denials");
    }

    [Fact]
    public void Denials_for_others_and_a_clean_log_pass()
    {
        var (code, output, _) = Run("tests/vm/ci", null, "avc-check", Saved("avc-other.log"));
        code.ShouldBe(0);
        output.ShouldContain("no SELinux denial for postfix, dovecot, certbot or the journal (1 others");
        using var dir = new Playbooks.TempDir();
        Run("tests/vm/ci", null, "avc-check", dir.Write("empty.log", "## ausearch -m AVC,USER_AVC -ts boot\n<no matches>\n")).Code.ShouldBe(0);
    }
}
