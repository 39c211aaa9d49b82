using System.Diagnostics;
using Provisioner.HostFacts;
using Provisioner.Journal;
using Provisioner.Tests.Execution;
using Provisioner.Transport;

namespace Provisioner.Tests.ModulesMail;

/// <summary>
/// postconf-set.sh and the stage's postfix-gate.sh for real, on this machine, against a configuration
/// directory in a temporary directory, a real stage journal that recorded the files before the stage,
/// and stand-ins for <c>postconf</c> and <c>postfix</c> that behave as Postfix's do where the scripts
/// rely on them: <c>postconf -e</c> sets a line, a value with "bad" draws a warning, a value with
/// "fatal" makes <c>postfix check</c> fail. (PostconfLabTests runs them against a real Postfix, and the
/// stage rollback that follows a refusal.)
/// </summary>
public sealed class PostfixGateScriptTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("postconf-apply-").FullName;
    private string Dir => Path.Combine(_root, "postfix");
    private string Main => Path.Combine(Dir, "main.cf");
    private string Master => Path.Combine(Dir, "master.cf");
    private string Checks => Path.Combine(_root, "checks.log");

    public PostfixGateScriptTests()
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

    public void Dispose()
    {
        Directory.Delete(_root, recursive: true);
        _journalHost.Dispose();
    }

    private readonly LocalRun _journalHost = new();

    /// <summary>A stage journal that recorded main.cf and master.cf as they are now: the stage begins.</summary>
    private async Task<string> BeginStage()
    {
        var journal = new StageJournal(new HostContext(_journalHost.Host, Provisioner.Tests.ModuleTests.ModuleTestKit.DebianFacts, false), _journalHost.JournalRoot,
            StageJournal.NewRunId(), new JournalOf(1, 1, "play", "stage", "owner")) { GuardSeconds = 90 };
        (await journal.BeginTaskAsync([new JournalFile(Main), new JournalFile(Master)], TaskReach.Anywhere, default)).ShouldBeNull();
        return journal.Directory;
    }

    private (int Exit, string StdErr) Run(string script, params string[] args)
    {
        var path = Path.Combine(_root, script);
        File.WriteAllText(path, HostScript.Load(script).Body);
        var psi = new ProcessStartInfo("sh") { RedirectStandardError = true, RedirectStandardOutput = true };
        psi.ArgumentList.Add(path);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["PATH"] = _path;
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit(30_000).ShouldBeTrue("the script hung");
        return (p.ExitCode, stderr.Result);
    }

    /// <summary>Runs postconf-set.sh as the module does: the directory, then each postconf command as COUNT ARG....</summary>
    private (int Exit, string StdErr) Set(params string[] settings) =>
        Run("postconf-set.sh", [Dir, .. settings.SelectMany(s => new[] { "2", "-e", s })]);

    private (int Exit, string StdErr) Gate(string journal) => Run("postfix-gate.sh", Dir, journal);

    private int CheckRuns() => File.Exists(Checks) ? File.ReadAllLines(Checks).Length : 0;

    private string[] Leftovers() => Directory.GetFiles(Dir).Select(Path.GetFileName).Where(n => n is not ("main.cf" or "master.cf")).ToArray()!;

    /// <summary>
    /// Postfix reads main.cf again and again, 0.3 s apart, while its modification time is within the
    /// last second ("pausing to let main.cf cool down"): every postconf read, <c>postfix check</c> and
    /// reload right after a write waited about 2 s (traced on a trixie lab host: the write 0.03 s, the
    /// module's next read 2.13 s). A write therefore leaves main.cf dated 2 s back.
    /// </summary>
    [Fact]
    public void A_write_leaves_main_cf_dated_back_so_the_next_postfix_read_need_not_wait_for_it_to_cool_down()
    {
        File.WriteAllText(Main, "a = 1\n");
        File.SetLastWriteTimeUtc(Main, DateTime.UtcNow);
        Set("b = 2").Exit.ShouldBe(0);
        File.ReadAllText(Main).ShouldBe("a = 1\nb = 2\n");
        (DateTime.UtcNow - File.GetLastWriteTimeUtc(Main)).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void A_write_that_leaves_main_cf_alone_leaves_its_date_alone()
    {
        File.WriteAllText(Main, "a = 1\n");
        var written = DateTime.UtcNow.AddMinutes(-5);
        File.SetLastWriteTimeUtc(Main, written);
        Run("postconf-set.sh", Dir, "2", "-M", "submission/inet=submission inet n - n - - smtpd").Exit.ShouldBe(0);
        File.GetLastWriteTimeUtc(Main).ShouldBe(written);
    }

    [Fact]
    public async Task A_clean_stage_passes_after_one_check_and_leaves_nothing_behind()
    {
        File.WriteAllText(Main, "a = 1\n");
        var journal = await BeginStage();
        Set("b = 2").Exit.ShouldBe(0);
        Set("c = 3").Exit.ShouldBe(0);
        File.ReadAllText(Main).ShouldBe("a = 1\nb = 2\nc = 3\n");
        CheckRuns().ShouldBe(0, "a write is not checked by itself: the stage is");

        var (exit, stderr) = Gate(journal);
        exit.ShouldBe(0, stderr);
        CheckRuns().ShouldBe(1, "a configuration without warnings needs no baseline");
        Leftovers().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_stage_that_brings_a_warning_is_refused_naming_it_and_the_files_stay_for_the_rollback()
    {
        File.WriteAllText(Main, "a = 1\n");
        var journal = await BeginStage();
        Set("b = bad value").Exit.ShouldBe(0);

        var (exit, stderr) = Gate(journal);
        exit.ShouldBe(1);
        stderr.ShouldContain("postconf change refused (new warnings)");
        stderr.ShouldContain("suspicious: b = bad value");
        File.ReadAllText(Main).ShouldBe("a = 1\nb = bad value\n", "the gate judges; the stage's rollback restores");
        File.ReadAllText(Master).ShouldBe("smtp inet n - y - - smtpd\n");
        Leftovers().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_warning_there_before_the_stage_does_not_refuse_it_and_is_compared_with_the_journals_copy()
    {
        File.WriteAllText(Main, "old = bad since ever\n");
        var journal = await BeginStage();
        Set("b = 2").Exit.ShouldBe(0);

        var (exit, stderr) = Gate(journal);
        exit.ShouldBe(0, stderr);
        File.ReadAllText(Main).ShouldBe("old = bad since ever\nb = 2\n");
        CheckRuns().ShouldBe(2, "the stage's files drew a warning: the files before the stage were checked too");
        Leftovers().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_new_warning_beside_an_old_one_is_still_refused()
    {
        File.WriteAllText(Main, "old = bad since ever\n");
        var journal = await BeginStage();
        Set("b = bad too").Exit.ShouldBe(0);

        var (exit, stderr) = Gate(journal);
        exit.ShouldBe(1);
        stderr.ShouldContain("postconf change refused (new warnings)");
        stderr.ShouldContain("b = bad too");
        stderr.ShouldNotContain("since ever");
        File.ReadAllText(Main).ShouldBe("old = bad since ever\nb = bad too\n");
        Leftovers().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_stage_postfix_check_rejects_is_refused()
    {
        File.WriteAllText(Main, "a = 1\n");
        var journal = await BeginStage();
        Set("b = 2", "c = fatal").Exit.ShouldBe(0);

        var (exit, stderr) = Gate(journal);
        exit.ShouldBe(1);
        stderr.ShouldContain("postconf change refused (postfix check)");
        stderr.ShouldContain("postfix: fatal: bad configuration");
    }

    [Fact]
    public void A_main_cf_that_did_not_exist_is_created_by_the_write()
    {
        Set("a = 1").Exit.ShouldBe(0);
        File.ReadAllText(Main).ShouldBe("a = 1\n");
    }
}
