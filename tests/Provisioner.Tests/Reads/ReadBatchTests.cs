using Provisioner.Modules.Files;
using Provisioner.Reads;
using Provisioner.Tests.Execution;
using Provisioner.Transport;

namespace Provisioner.Tests.Reads;

/// <summary>Reads sent as one batch answer exactly what each read answers alone (run for real in /bin/sh).</summary>
public sealed class ReadBatchTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("provision-batch-").FullName;
    private readonly LocalHost _host = new();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private async Task<CommandResult> Alone(Command c) => await _host.RunAsync(c, CancellationToken.None);

    [Fact]
    public async Task Each_read_gets_its_own_output_and_status_exactly_hostile_paths_included()
    {
        // A path that would run a command, end a quote or start a new line if it reached a shell unquoted.
        var hostile = Path.Combine(_root, "it's $(touch pwned) `touch pwned2` \"x\"\n;.conf");
        File.WriteAllText(hostile, "line one\nno newline at the end");
        var plain = Path.Combine(_root, "plain.conf");
        File.WriteAllText(plain, "a\n\n\n");
        var reads = new List<AheadRead>
        {
            FileReader.Ahead(hostile, withContent: true),
            FileReader.Ahead(Path.Combine(_root, "absent"), withContent: true),
            Command.Script("printf 'no newline'", readOnly: true),
            Command.Script("echo '@@provision-read-0000 0'; echo after", readOnly: true),
            Command.Script("echo partial; exit 3", readOnly: true),
            Command.Read("cat", plain),
            FileReader.Ahead(_root, withContent: false),
        };
        var batch = new ReadBatch(reads);
        var run = await Alone(batch.Command);
        run.Ok.ShouldBeTrue(run.Stderr);
        var answers = batch.Parse(run.Stdout, run.Duration);

        answers.Count.ShouldBe(reads.Count);
        for (var i = 0; i < reads.Count; i++)
        {
            var alone = await Alone(reads[i].Command);
            answers[i].ShouldNotBeNull();
            answers[i]!.ExitStatus.ShouldBe(alone.ExitStatus, $"read {i}");
            answers[i]!.Stdout.ShouldBe(alone.Stdout, $"read {i}");
        }
        FileReader.Parse(answers[0]!.Stdout).Content.ShouldBe(File.ReadAllBytes(hostile));
        File.Exists(Path.Combine(Environment.CurrentDirectory, "pwned")).ShouldBeFalse();
        File.Exists(Path.Combine(Environment.CurrentDirectory, "pwned2")).ShouldBeFalse();
        Directory.GetFiles(_root).Length.ShouldBe(2, "the batch reads, it never writes");
    }

    [Fact]
    public void Output_cut_short_leaves_the_reads_after_it_unanswered()
    {
        var batch = new ReadBatch([Command.Read("true"), Command.Read("true")]);
        var text = batch.Command.Render();
        var token = new string(text[text.IndexOf("@@provision-read-", StringComparison.Ordinal)..].TakeWhile(c => c is not ('\'' or ' ')).ToArray());
        var answers = batch.Parse($"first\n{token} 0\nsecond without its marker", TimeSpan.Zero);
        answers[0]!.Stdout.ShouldBe("first");
        answers[1].ShouldBeNull();
    }

    [Fact]
    public void Changes_secret_arguments_and_input_other_than_one_line_are_never_batched()
    {
        ReadBatch.Fits(Command.Of("touch", "/x")).ShouldBeFalse();
        ReadBatch.Fits(Command.Read("cat") with { Stdin = "one line\n"u8.ToArray(), SecretStdin = true }).ShouldBeTrue();
        ReadBatch.Fits(Command.Read("cat") with { Stdin = [1] }).ShouldBeFalse();
        ReadBatch.Fits(Command.Read("cat") with { Stdin = "two\nlines\n"u8.ToArray() }).ShouldBeFalse();
        ReadBatch.Fits(Command.Read("cat") with { Stdin = "a\0nul\n"u8.ToArray() }).ShouldBeFalse();
        ReadBatch.Fits(Command.Read("echo", new Arg("s3cret", Secret: true))).ShouldBeFalse();
        Should.Throw<ArgumentException>(() => new ReadBatch([Command.Of("rm", "-rf", "/x")]));
    }

    private const string Look = "for f in /proc/[0-9]*/cmdline; do case \"$(tr '\\0' ' ' < \"$f\" 2>/dev/null)\" in *\"$p\"*) echo \"seen in $f\" ;; esac; done; ";

    /// <summary>Reads its line of input and prints it; looking first, when asked, for a process on this machine whose command line holds it.</summary>
    private static Command Echoes(string input, bool look = false) => Command.Script(
        "IFS= read -r p; " + (look ? Look : "") + "printf 'got %s\\n' \"$p\"",
        readOnly: true) with { Stdin = System.Text.Encoding.UTF8.GetBytes(input + "\n"), SecretStdin = true };

    [Fact]
    public async Task A_read_with_a_line_of_input_gets_its_line_which_reaches_neither_the_text_nor_a_command_line()
    {
        var secret = $"s3cret-{Guid.NewGuid():N} 'pass' $(touch pwned) \\ \"end\" ";
        AheadRead[] reads = [Echoes(secret, look: true), Command.Read("echo", "between"), Echoes("another")];
        var batch = new ReadBatch(reads);
        batch.Command.Render().ShouldNotContain("s3cret");
        batch.Command.Display().ShouldNotContain("s3cret");
        batch.Command.SecretStdin.ShouldBeTrue();
        var run = await Alone(batch.Command);
        run.Ok.ShouldBeTrue(run.Stderr);
        var answers = batch.Parse(run.Stdout, run.Duration);
        answers.Select(a => a!.Stdout).ShouldBe(["got " + secret + "\n", "between\n", "got another\n"]);
        File.Exists(Path.Combine(Environment.CurrentDirectory, "pwned")).ShouldBeFalse();
        // Not vacuous: a read given its input on its command line is seen there.
        (await Alone(Command.Script($"echo {ShellQuote.Quote(secret)} | sh -c {ShellQuote.Quote(Echoes("", look: true).ScriptText!)} sh {ShellQuote.Quote(secret)}", readOnly: true)))
            .Stdout.ShouldContain("seen in /proc/");
    }

    [Fact]
    public async Task Reads_of_the_same_text_with_different_input_each_get_their_own_answer()
    {
        var cache = new CachingRemoteHost(_host);
        var (one, two) = (Echoes("one"), Echoes("two"));
        (await cache.PrefetchAsync([one, two], CancellationToken.None)).ShouldBe(2);
        _host.Ran.Count.ShouldBe(1);
        (await cache.RunAsync(two, CancellationToken.None)).Stdout.ShouldBe("got two\n");
        (await cache.RunAsync(one, CancellationToken.None)).Stdout.ShouldBe("got one\n");
        _host.Ran.Count.ShouldBe(1, "both answered from the batch");
        (await cache.RunAsync(one, CancellationToken.None)).Stdout.ShouldBe("got one\n");
        _host.Ran.Count.ShouldBe(2, "with input: never kept beyond the one answer");
    }

    [Fact]
    public async Task Answers_sent_ahead_serve_their_read_once_and_a_change_drops_them()
    {
        var file = Path.Combine(_root, "f");
        File.WriteAllText(file, "before");
        var cache = new CachingRemoteHost(_host);
        var readFile = Command.Read("cat", file);
        var other = Command.Read("echo", "other");
        (await cache.PrefetchAsync([readFile, other], CancellationToken.None)).ShouldBe(2);
        _host.Ran.Count.ShouldBe(1);

        (await cache.RunAsync(readFile, CancellationToken.None)).Stdout.ShouldBe("before");
        _host.Ran.Count.ShouldBe(1, "answered from the batch");
        // Not cacheable: a second ask goes to the host.
        (await cache.RunAsync(readFile, CancellationToken.None)).Stdout.ShouldBe("before");
        _host.Ran.Count.ShouldBe(2);

        (await cache.PrefetchAsync([readFile, Command.Read("echo", "third")], CancellationToken.None)).ShouldBe(2);
        await cache.RunAsync(Command.Script($"printf after > {ShellQuote.Quote(file)}"), CancellationToken.None);
        (await cache.RunAsync(readFile, CancellationToken.None)).Stdout.ShouldBe("after");
    }
}
