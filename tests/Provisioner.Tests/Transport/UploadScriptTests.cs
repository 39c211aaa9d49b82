using System.Text;
using Provisioner.Transport;

namespace Provisioner.Tests.Transport;

public class UploadScriptTests
{
    private const string Head =
        "set -e\n" +
        "d=/etc/postfix/main.cf\n" +
        "t=$(mktemp /etc/postfix/.provision-XXXXXXXX.tmp)\n" +
        "trap 'rm -f \"$t\"' EXIT\n" +
        "cat > \"$t\"\n" +
        "if [ -e \"$d\" ]; then chown --reference=\"$d\" \"$t\"; chmod --reference=\"$d\" \"$t\"; else chmod 0644 \"$t\"; fi\n";

    private const string Tail =
        "if command -v selinuxenabled >/dev/null 2>&1 && selinuxenabled && [ -e \"$d\" ]; then chcon --reference=\"$d\" \"$t\"; fi\n" +
        "mv -f -T \"$t\" \"$d\"\n" +
        "if command -v selinuxenabled >/dev/null 2>&1 && selinuxenabled; then restorecon \"$d\"; fi";

    private static FileUpload Upload(string path, string? mode = null, string? owner = null, string? group = null) =>
        new(path, "x"u8.ToArray(), mode, owner, group);

    [Fact]
    public void Owner_group_and_mode() =>
        UploadScript.Build(Upload("/etc/postfix/main.cf", "0640", "root", "postfix"))
            .ShouldBe(Head + "chown -- root:postfix \"$t\"\nchmod -- 0640 \"$t\"\n" + Tail);

    [Fact]
    public void Only_the_parts_given() =>
        UploadScript.Build(Upload("/etc/postfix/main.cf", owner: "postfix")).ShouldBe(Head + "chown -- postfix \"$t\"\n" + Tail);

    [Fact]
    public void Group_alone_uses_chgrp() =>
        UploadScript.Build(Upload("/etc/postfix/main.cf", group: "mail")).ShouldBe(Head + "chgrp -- mail \"$t\"\n" + Tail);

    [Fact]
    public void Nothing_given_keeps_the_existing_file_attributes() =>
        UploadScript.Build(Upload("/etc/postfix/main.cf")).ShouldBe(Head + Tail);

    [Fact]
    public void Paths_are_quoted()
    {
        var script = UploadScript.Build(Upload("/srv/my files/it's.conf"));
        script.ShouldContain("d='/srv/my files/it'\\''s.conf'\n");
        script.ShouldContain("t=$(mktemp '/srv/my files/.provision-XXXXXXXX.tmp')\n");
    }

    [Fact]
    public void Relative_destination_is_refused() =>
        Should.Throw<ArgumentException>(() => UploadScript.Build(Upload("etc/x"))).Message.ShouldContain("absolute");

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
