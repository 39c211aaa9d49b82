using Provisioner.Cli;
using Provisioner.Tests.Playbooks;
using Provisioner.Yaml;

namespace Provisioner.Tests.CliTests;

/// <summary>A report target is checked before the run and written whole (temp file and rename) after it.</summary>
public sealed class ReportFileTests : IDisposable
{
    private readonly TempDir _dir = new();
    public void Dispose() => _dir.Dispose();

    private static IReadOnlyList<string> Check(string target)
    {
        var d = new Diagnostics();
        ReportFile.Check("--report", target, d);
        return d.Items.Select(i => i.ToString()).ToList();
    }

    private const string Fix = "name a file in an existing, writable directory, e.g. --report reports/run.json, or --report - for stdout";

    [Fact]
    public void A_missing_directory_a_directory_and_a_device_are_refused()
    {
        var missing = Path.Combine(_dir.Path, "nope");
        Check(Path.Combine(missing, "r.json")).ShouldBe([$"--report: the directory '{missing}' does not exist — create it first (mkdir -p {missing}), or {Fix}"]);
        Check(_dir.Path).ShouldBe([$"--report: '{_dir.Path}' is a directory — {Fix}"]);
        Check("/dev/full").ShouldBe([$"--report: '/dev/full' is a character device, not a file — {Fix}"]);
    }

    [Fact]
    public void A_good_target_and_stdout_pass_and_the_check_leaves_nothing_behind()
    {
        Check(Path.Combine(_dir.Path, "r.json")).ShouldBeEmpty();
        Check("-").ShouldBeEmpty();
        Directory.EnumerateFileSystemEntries(_dir.Path).ShouldBeEmpty();
    }

    [Fact]
    public void Writing_replaces_the_file_whole_and_leaves_no_temporary_file()
    {
        var target = _dir.Write("r.json", "old and longer content");
        ReportFile.Write(target, "{}", TextWriter.Null).ShouldBeNull();
        File.ReadAllText(target).ShouldBe("{}\n");
        Directory.EnumerateFileSystemEntries(_dir.Path).ShouldBe([target]);
    }

    [Fact]
    public void A_write_that_fails_says_why_and_leaves_no_temporary_file()
    {
        var target = Path.Combine(_dir.Path, "gone", "r.json");
        ReportFile.Write(target, "{}", TextWriter.Null).ShouldStartWith($"could not write {target}: ");
        Directory.EnumerateFileSystemEntries(_dir.Path).ShouldBeEmpty();
    }
}
