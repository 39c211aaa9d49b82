using System.Diagnostics;
using Provisioner.Transport;

namespace Provisioner.Tests.ModulesMail;

/// <summary>
/// postconf-apply.sh for real, on this machine, against a configuration directory in a temporary
/// directory and stand-ins for <c>postconf</c> and <c>postfix</c> that behave as Postfix's do where the
/// script relies on them: <c>postconf -e</c> sets a line, a value with "bad" draws a warning, a value
/// with "fatal" makes <c>postfix check</c> fail. (PostconfLabTests runs it against a real Postfix.)
/// </summary>
public sealed class PostconfApplyScriptTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("postconf-apply-").FullName;
    private string Dir => Path.Combine(_root, "postfix");
    private string Main => Path.Combine(Dir, "main.cf");
    private string Master => Path.Combine(Dir, "master.cf");
    private string Checks => Path.Combine(_root, "checks.log");

    public PostconfApplyScriptTests()
    {
        Directory.CreateDirectory(Dir);
        var bin = Directory.CreateDirectory(Path.Combine(_root, "bin")).FullName;
        // Both stand-ins read main.cf the way the real ones do: from the configuration directory.
        Tool(bin, "postconf", $$"""
            #!/bin/sh
            main='{{Main}}'
            if [ "$1" = -e ]; then
                name=${2%% =*}
                grep -v "^$name =" "$main" > "$main.tmp" 2>/dev/null; echo "$2" >> "$main.tmp"; cat "$main.tmp" > "$main"; rm -f "$main.tmp"
                exit 0
            fi
            grep -q bad "$main" && grep bad "$main" | sed 's/^/postconf: warning: suspicious: /' >&2
            cat "$main"
            """);
        Tool(bin, "postfix", $$"""
            #!/bin/sh
            echo check >> '{{Checks}}'
            grep -q fatal '{{Main}}' && { echo 'postfix: fatal: bad configuration' >&2; exit 1; }
            exit 0
            """);
        _path = bin + ":" + Environment.GetEnvironmentVariable("PATH");
        File.WriteAllText(Master, "smtp inet n - y - - smtpd\n");
    }

    private readonly string _path;

    private static void Tool(string bin, string name, string text)
    {
        var path = Path.Combine(bin, name);
        File.WriteAllText(path, text.Replace("\r", "") + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>Runs the script as the module does: the directory, then each postconf command as COUNT ARG....</summary>
    private (int Exit, string StdErr) Apply(params string[] settings)
    {
        var script = Path.Combine(_root, "postconf-apply.sh");
        File.WriteAllText(script, HostScript.Load("postconf-apply.sh").Body);
        var psi = new ProcessStartInfo("sh") { RedirectStandardError = true, RedirectStandardOutput = true };
        psi.ArgumentList.Add(script);
        psi.ArgumentList.Add(Dir);
        foreach (var s in settings) { psi.ArgumentList.Add("2"); psi.ArgumentList.Add("-e"); psi.ArgumentList.Add(s); }
        psi.Environment["PATH"] = _path;
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit(30_000).ShouldBeTrue("the script hung");
        return (p.ExitCode, stderr.Result);
    }

    private int CheckRuns() => File.Exists(Checks) ? File.ReadAllLines(Checks).Length : 0;

    private string[] Leftovers() => Directory.GetFiles(Dir).Select(Path.GetFileName).Where(n => n is not ("main.cf" or "master.cf")).ToArray()!;

    [Fact]
    public void A_clean_change_is_kept_after_one_check_and_leaves_no_backup()
    {
        File.WriteAllText(Main, "a = 1\n");
        var (exit, stderr) = Apply("b = 2");
        exit.ShouldBe(0, stderr);
        File.ReadAllText(Main).ShouldBe("a = 1\nb = 2\n");
        CheckRuns().ShouldBe(1, "a configuration without warnings needs no baseline");
        Leftovers().ShouldBeEmpty();
    }

    [Fact]
    public void A_change_that_brings_a_warning_is_refused_and_both_files_are_restored_byte_for_byte()
    {
        File.WriteAllText(Main, "a = 1\n");
        File.SetUnixFileMode(Main, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        var (exit, stderr) = Apply("b = bad value");
        exit.ShouldBe(1);
        stderr.ShouldContain("postconf change refused (new warnings)");
        stderr.ShouldContain("suspicious: b = bad value");
        File.ReadAllText(Main).ShouldBe("a = 1\n");
        File.GetUnixFileMode(Main).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        File.ReadAllText(Master).ShouldBe("smtp inet n - y - - smtpd\n");
        Leftovers().ShouldBeEmpty();
    }

    [Fact]
    public void A_warning_there_before_the_change_does_not_refuse_it()
    {
        File.WriteAllText(Main, "old = bad since ever\n");
        var (exit, stderr) = Apply("b = 2");
        exit.ShouldBe(0, stderr);
        File.ReadAllText(Main).ShouldBe("old = bad since ever\nb = 2\n");
        CheckRuns().ShouldBe(2, "the changed files drew a warning: the files before the change were checked too");
        Leftovers().ShouldBeEmpty();
    }

    [Fact]
    public void A_new_warning_beside_an_old_one_is_still_refused()
    {
        File.WriteAllText(Main, "old = bad since ever\n");
        var (exit, stderr) = Apply("b = bad too");
        exit.ShouldBe(1);
        stderr.ShouldContain("postconf change refused (new warnings)");
        File.ReadAllText(Main).ShouldBe("old = bad since ever\n");
        Leftovers().ShouldBeEmpty();
    }

    [Fact]
    public void A_change_postfix_check_rejects_is_refused_and_restored()
    {
        File.WriteAllText(Main, "a = 1\n");
        var (exit, stderr) = Apply("b = 2", "c = fatal");
        exit.ShouldBe(1);
        stderr.ShouldContain("postconf change refused (postfix check)");
        stderr.ShouldContain("postfix: fatal: bad configuration");
        File.ReadAllText(Main).ShouldBe("a = 1\n");
        Leftovers().ShouldBeEmpty();
    }

    [Fact]
    public void A_main_cf_that_did_not_exist_is_created_by_a_change_and_gone_again_after_a_refusal()
    {
        Apply("a = fatal").Exit.ShouldBe(1);
        File.Exists(Main).ShouldBeFalse("a refused change leaves no main.cf where there was none");
        Leftovers().ShouldBeEmpty();

        Apply("a = 1").Exit.ShouldBe(0);
        File.ReadAllText(Main).ShouldBe("a = 1\n");
    }
}
