using Provisioner.Modules.Files;
using Provisioner.Reads;
using Provisioner.Tests.Execution;
using Provisioner.Tests.Transport;
using Provisioner.Transport;

namespace Provisioner.Tests.ModuleTests;

/// <summary>
/// Paths' file reads sent ahead together are made by one command (file-reads.sh) that answers each
/// exactly as file-read.sh does alone — every kind of path, hostile names, a file over the content
/// limit — with one stat, one cat and one base64 for all of them; where its sections do not add up it
/// answers none, and each path is read alone. Run for real in /bin/sh.
/// </summary>
public sealed class FileReadsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("provision-reads-").FullName;
    private readonly LocalHost _host = new();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Make(string name, byte[]? content = null)
    {
        var path = Path.Combine(_root, name);
        if (content is not null) File.WriteAllBytes(path, content);
        return path;
    }

    /// <summary>Every kind file-read.sh tells apart, each with and without its content asked for.</summary>
    private List<AheadRead> Reads()
    {
        var hostile = Make("it's $(touch pwned) `touch pwned2` \"x\"\n;.conf", "line one\nno newline at the end"u8.ToArray());
        var binary = Make("binary", [.. Enumerable.Range(0, 256).Select(b => (byte)b)]);
        var empty = Make("empty", []);
        var big = Make("big", new byte[FileReader.MaxContent + 1]);
        var dir = Directory.CreateDirectory(Path.Combine(_root, "dir")).FullName;
        var link = Make("link");
        File.CreateSymbolicLink(link, binary);
        var dangling = Make("dangling");
        File.CreateSymbolicLink(dangling, Path.Combine(_root, "nowhere"));
        var fifo = Make("fifo");
        LocalShell.Run($"mkfifo {ShellQuote.Quote(fifo)}").Exit.ShouldBe(0);
        var paths = new[] { hostile, Make("absent"), binary, empty, big, dir, link, dangling, fifo, Make("-starts-with-a-dash", "x"u8.ToArray()) };
        return [.. paths.SelectMany(p => new[] { FileReader.Ahead(p, withContent: true), FileReader.Ahead(p, withContent: false) })];
    }

    [Fact]
    public async Task Reads_sent_together_answer_each_path_exactly_as_it_reads_alone()
    {
        var reads = Reads();
        var batch = new ReadBatch(reads);
        var run = await _host.RunAsync(batch.Command, CancellationToken.None);
        run.Ok.ShouldBeTrue(run.Stderr);
        var answers = batch.Parse(run.Stdout, run.Duration);

        for (var i = 0; i < reads.Count; i++)
        {
            var alone = await _host.RunAsync(reads[i].Command, CancellationToken.None);
            alone.Ok.ShouldBeTrue(alone.Stderr);
            answers[i].ShouldNotBeNull($"read {i}");
            answers[i]!.Stdout.ShouldBe(alone.Stdout, $"read {i}: {reads[i].Joint!.Args[0]}");
            answers[i]!.ExitStatus.ShouldBe(0);
        }
        // Not vacuous: the answers hold what the paths hold.
        FileReader.Parse(answers[4]!.Stdout).Content.ShouldBe([.. Enumerable.Range(0, 256).Select(b => (byte)b)]);
        FileReader.Parse(answers[8]!.Stdout).Sha256.ShouldNotBeNull();
        FileReader.Parse(answers[12]!.Stdout).Kind.ShouldBe(FileKind.Link);
        File.Exists(Path.Combine(Environment.CurrentDirectory, "pwned")).ShouldBeFalse();
        File.Exists(Path.Combine(Environment.CurrentDirectory, "pwned2")).ShouldBeFalse();
    }

    [Fact]
    public void All_paths_cost_one_stat_one_cat_one_base64_and_one_readlink()
    {
        using var tools = new StandInTools();
        foreach (var tool in new[] { "stat", "cat", "base64", "readlink", "sha256sum", "cut" })
            tools.Recording(tool, Path.Combine(tools.Dir, "ran"));
        var reads = Reads();
        var joint = FileReads.Joint.Join([.. reads.Select(r => r.Joint!)]);
        var result = LocalShell.Run($"PATH={ShellQuote.Quote(tools.Dir)}:$PATH\n" + joint.Render());
        result.Exit.ShouldBe(0, result.Stderr);
        // One of each for twenty reads; sha256sum (and its cut) for the one file over the content limit alone.
        File.ReadAllLines(Path.Combine(tools.Dir, "ran")).Order().ShouldBe(["base64", "cat", "cut", "readlink", "sha256sum", "stat"]);
    }

    [Fact]
    public async Task Sections_that_do_not_add_up_answer_no_read_so_each_reads_alone()
    {
        var file = Make("f", "content"u8.ToArray());
        var reads = new[] { FileReads.Part(file, withContent: true), FileReads.Part(_root, withContent: false) };
        var whole = await _host.RunAsync(FileReads.Joint.Join(reads), CancellationToken.None);
        FileReads.Joint.Split(whole.Stdout, reads).ShouldAllBe(a => a != null);
        // The file grew between stat and cat: the content is longer than the sizes say.
        var grown = whole.Stdout.Replace(Convert.ToBase64String("content"u8.ToArray()), Convert.ToBase64String("content!"u8.ToArray()), StringComparison.Ordinal);
        FileReads.Joint.Split(grown, reads).ShouldAllBe(a => a == null);
        // A path vanished between the kinds and the stat.
        var vanished = whole.Stdout.Replace("@@ stat\n", "@@ stat\nx\n", StringComparison.Ordinal);
        FileReads.Joint.Split(vanished, reads).ShouldAllBe(a => a == null);
        FileReads.Joint.Split("", reads).ShouldAllBe(a => a == null);
    }
}
