using Provisioner.Cli;
using Provisioner.Tests.Playbooks;
using Provisioner.Yaml;

namespace Provisioner.Tests.CliTests;

/// <summary>Issue 16: run logs are pruned to the newest N, only files the tool named, never the current one.</summary>
public sealed class LogPruningTests : IDisposable
{
    private readonly TempDir _dir = new();
    public void Dispose() => _dir.Dispose();

    private static readonly DateTime Start = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Writes run-…-N.json files, each a minute newer than the one before; returns their names, oldest first.</summary>
    private List<string> OldLogs(int count) =>
        Enumerable.Range(0, count).Select(i =>
        {
            var name = $"run-20260101-00{i:00}00-{1000 + i}.json";
            var path = _dir.Write(name, "{}\n");
            File.SetLastWriteTimeUtc(path, Start.AddMinutes(i));
            return name;
        }).ToList();

    private List<string> Names() => Directory.EnumerateFiles(_dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()!;

    [Fact]
    public void Twenty_five_old_logs_and_a_foreign_file_keep_the_twenty_newest_and_the_foreign_file()
    {
        var old = OldLogs(25);
        _dir.Write("notes.txt", "mine\n");
        _dir.Write("run-backup.json", "also mine\n");
        var current = _dir.Write("run-20260102-000000-1.json", "");
        File.SetLastWriteTimeUtc(current, Start.AddDays(1));

        RunLogs.Prune(_dir.Path, current, 20);

        Names().ShouldBe([.. old.Skip(6), "notes.txt", "run-20260102-000000-1.json", "run-backup.json"], ignoreOrder: true);
    }

    [Fact]
    public void The_current_log_is_kept_even_when_its_time_is_older_than_the_rest()
    {
        var old = OldLogs(5);
        var current = _dir.Write("run-20250101-000000-1.json", "");
        File.SetLastWriteTimeUtc(current, Start.AddDays(-1));

        RunLogs.Prune(_dir.Path, current, 2);

        Names().ShouldBe([old[^1], "run-20250101-000000-1.json"], ignoreOrder: true);
    }

    [Fact]
    public void Fewer_logs_than_the_limit_are_all_kept()
    {
        var old = OldLogs(3);
        var current = _dir.Write("run-20260102-000000-1.json", "");

        RunLogs.Prune(_dir.Path, current, 20);

        Names().Count.ShouldBe(old.Count + 1);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void Keeping_zero_or_fewer_logs_is_refused(int keep)
    {
        var d = new Diagnostics();
        RunLogs.Check(keep, d);
        d.Items.Select(i => i.ToString()).ShouldBe([$"--keep-logs: must be 1 or more (how many run logs to keep, this run's included), not {keep} — write --keep-logs 20, or leave it out (default 20)"]);
    }

    [Fact]
    public async Task Keep_logs_zero_is_exit_4_before_any_connection()
    {
        _dir.Write("play.yml", "- hosts: all\n  stages:\n    - name: one\n      tasks:\n        - command: 'true'\n");
        _dir.Write("hosts.yml", "all:\n  hosts:\n    web1: { address: 192.0.2.1 }\n");

        var run = await ProvisionProcess.RunAsync(_dir.Path, "apply", "play.yml", "-i", "hosts.yml", "--keep-logs", "0");

        run.ExitCode.ShouldBe(4, run.ToString());
        run.Stderr.ShouldContain("--keep-logs: must be 1 or more");
        run.Stderr.ShouldNotContain("unreachable");
    }

    [Fact]
    public async Task Help_documents_keep_logs()
    {
        var run = await ProvisionProcess.RunAsync(_dir.Path, "apply", "--help");
        run.Stdout.ShouldContain("--keep-logs");
    }
}
