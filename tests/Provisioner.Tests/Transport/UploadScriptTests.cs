using System.Text;
using Provisioner.Transport;

namespace Provisioner.Tests.Transport;

public class UploadScriptTests
{
    [Fact]
    public void Only_the_parts_given_change()
    {
        using var dir = new TempDir();
        var dest = Path.Combine(dir.Path, "owned");
        File.WriteAllText(dest, "old");
        LocalShell.Run($"chown 65534:65534 {ShellQuote.Quote(dest)}").Exit.ShouldBe(0);

        RunUpload(new FileUpload(dest, "new"u8.ToArray(), null, "0", null)).Exit.ShouldBe(0);
        LocalShell.Run($"stat -c %u:%g {ShellQuote.Quote(dest)}").Stdout.Trim().ShouldBe("0:65534");
        RunUpload(new FileUpload(dest, "newer"u8.ToArray(), null, null, "0")).Exit.ShouldBe(0);
        LocalShell.Run($"stat -c %u:%g {ShellQuote.Quote(dest)}").Stdout.Trim().ShouldBe("0:0");
    }

    [Fact]
    public void Paths_are_arguments_whatever_they_hold()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(Path.Combine(dir.Path, "my files"));
        var dest = Path.Combine(dir.Path, "my files", "it's $(touch pwned).conf");
        RunUpload(new FileUpload(dest, "x"u8.ToArray(), null, null, null)).Exit.ShouldBe(0);
        File.ReadAllText(dest).ShouldBe("x");
        File.Exists("pwned").ShouldBeFalse();
        UploadScript.Build(new FileUpload(dest, [], null, null, null)).ShouldContain(ShellQuote.Quote(dest));
    }

    [Fact]
    public void Relative_destination_is_refused() =>
        Should.Throw<ArgumentException>(() => UploadScript.Build(new FileUpload("etc/x", [], null, null, null))).Message.ShouldContain("absolute");

    [Fact]
    public void Upload_command_carries_content_on_stdin_and_is_never_read_only()
    {
        var command = UploadScript.ToCommand(new FileUpload("/etc/x", "s3cret"u8.ToArray(), null, null, null, Secret: true) { Become = true });
        command.Stdin.ShouldBe("s3cret"u8.ToArray());
        command.SecretStdin.ShouldBeTrue();
        command.Become.ShouldBeTrue();
        command.ReadOnly.ShouldBeFalse();
        command.Display().ShouldNotContain("s3cret");
    }

    // The script runs for real in a local sh (tests run as root, like the CI).
    [Fact]
    public void Script_writes_atomically_with_owner_and_mode()
    {
        using var dir = new TempDir();
        var dest = Path.Combine(dir.Path, "new file.conf");
        var run = RunUpload(new FileUpload(dest, "hello\n"u8.ToArray(), "0640", "65534", "65534"));

        run.Exit.ShouldBe(0, run.Stderr);
        File.ReadAllText(dest).ShouldBe("hello\n");
        File.GetUnixFileMode(dest).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        LocalShell.Run($"stat -c %u:%g {ShellQuote.Quote(dest)}").Stdout.Trim().ShouldBe("65534:65534");
        dir.TempFiles().ShouldBeEmpty();
    }

    [Fact]
    public void Script_keeps_the_replaced_files_mode_and_owner_when_not_given()
    {
        using var dir = new TempDir();
        var dest = Path.Combine(dir.Path, "secret");
        File.WriteAllText(dest, "old");
        File.SetUnixFileMode(dest, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        LocalShell.Run($"chown 65534 {ShellQuote.Quote(dest)}").Exit.ShouldBe(0);

        RunUpload(new FileUpload(dest, "new"u8.ToArray(), null, null, null)).Exit.ShouldBe(0);

        File.ReadAllText(dest).ShouldBe("new");
        File.GetUnixFileMode(dest).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        LocalShell.Run($"stat -c %u {ShellQuote.Quote(dest)}").Stdout.Trim().ShouldBe("65534");
    }

    [Fact]
    public void New_file_without_a_mode_gets_0644()
    {
        using var dir = new TempDir();
        var dest = Path.Combine(dir.Path, "plain");
        RunUpload(new FileUpload(dest, [], null, null, null)).Exit.ShouldBe(0);
        File.GetUnixFileMode(dest).ShouldBe((UnixFileMode)Convert.ToInt32("644", 8));
    }

    [Fact]
    public void Failure_leaves_no_temp_file_and_the_destination_untouched()
    {
        using var dir = new TempDir();
        var dest = Path.Combine(dir.Path, "keep");
        File.WriteAllText(dest, "old");
        var run = RunUpload(new FileUpload(dest, "new"u8.ToArray(), "0600", "no-such-user-xyz", null));

        run.Exit.ShouldNotBe(0);
        File.ReadAllText(dest).ShouldBe("old");
        dir.TempFiles().ShouldBeEmpty();
    }

    [Fact]
    public void Directory_destination_is_not_moved_into()
    {
        using var dir = new TempDir();
        var dest = Path.Combine(dir.Path, "sub");
        Directory.CreateDirectory(dest);
        RunUpload(new FileUpload(dest, "x"u8.ToArray(), "0644", null, null)).Exit.ShouldNotBe(0);
        Directory.GetFileSystemEntries(dest).ShouldBeEmpty();
        dir.TempFiles().ShouldBeEmpty();
    }

    private static LocalShell.Result RunUpload(FileUpload upload) =>
        LocalShell.Run(BecomeWrapper.Wrap(UploadScript.Build(upload), BecomeMode.None, hasInput: true), upload.Content);

    private sealed class TempDir : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("upload-").FullName;
        public string[] TempFiles() => Directory.GetFiles(Path, ".provision-*");
        public void Dispose() => Directory.Delete(Path, true);
    }
}
