using System.Text;
using Provisioner.Modules;
using Provisioner.Modules.Files;
using static Provisioner.Tests.ModuleTests.ModuleTestKit;

namespace Provisioner.Tests.ModuleTests;

public class FileModulesTests
{
    private static FileState File(string content, string mode = "0644", string owner = "root", string group = "root") =>
        new(FileKind.File, mode, owner, group, null, Encoding.UTF8.GetBytes(content), content.Length);

    [Fact]
    public void Copy_uploads_when_content_differs_and_keeps_existing_mode()
    {
        var copy = new CopyModule();
        var args = Bind<ManagedFile>(copy, "dest: /etc/app.conf\ncontent: \"a=2\\n\"");
        var plan = copy.Plan(args, File("a=1\n", mode: "0600"));
        Commands(plan).ShouldBe(["upload /etc/app.conf mode=0600 owner= group="]);
        plan.Changes.Single().Kind.ShouldBe(ChangeKind.Content);
    }

    [Fact]
    public void Copy_with_same_content_only_fixes_attributes()
    {
        var copy = new CopyModule();
        var args = Bind<ManagedFile>(copy, "dest: /etc/app.conf\ncontent: \"a=1\\n\"\nmode: \"640\"\nowner: postfix");
        Commands(copy.Plan(args, File("a=1\n"))).ShouldBe(["chmod 0640 -- /etc/app.conf", "chown -h postfix -- /etc/app.conf"]);
        copy.Plan(args, File("a=1\n", mode: "0640", owner: "postfix")).IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void Copy_onto_a_directory_is_a_clear_failure()
    {
        var copy = new CopyModule();
        var args = Bind<ManagedFile>(copy, "dest: /etc\ncontent: x");
        Commands(copy.Plan(args, new FileState(FileKind.Directory, "0755", "root", "root", null, null, 0))).Single().ShouldStartWith("fail: /etc is a directory");
    }

    [Fact]
    public void Secret_content_is_marked_secret()
    {
        var args = Bind<ManagedFile>(new CopyModule(), "dest: /etc/pw\ncontent: !secret hunter22");
        args.Secret.ShouldBeTrue();
    }

    [Fact]
    public void Mode_must_be_octal()
    {
        BindErrors(new CopyModule(), "dest: /x\ncontent: y\nmode: rwx").Single().Message.ShouldContain("octal mode");
    }

    [Fact]
    public void A_copy_src_over_the_size_limit_is_refused_at_bind()
    {
        using var dir = new Playbooks.TempDir();
        var big = Path.Combine(dir.Path, "big.bin");
        System.IO.File.WriteAllBytes(big, new byte[Yaml.InputLimits.MaxFileBytes + 1]);
        BindErrors(new CopyModule(), $"dest: /x\nsrc: {big}").Single().ToString().ShouldBe($"{big}:1:{Yaml.InputLimits.MaxFileBytes + 1}: larger than 4 MiB (input size limit) — check that it is the file you meant, or split it");
        BindErrors(new CopyModule(), "dest: /x\nsrc: /dev/zero").Single().ToString().ShouldBe("test.yml:2:6: '/dev/zero': not a regular file (a character device) — name a file");
    }

    [Fact]
    public void File_directory_absent_and_link_plans()
    {
        var file = new FileModule();
        Commands(file.Plan(Bind<FileArgs>(file, "path: /srv/a b\nstate: directory\nmode: \"0750\""), FileState.Absent))
            .ShouldBe(["mkdir -p -m 0750 -- '/srv/a b'"]);
        Commands(file.Plan(Bind<FileArgs>(file, "path: /srv/x\nstate: absent"), File("")))
            .ShouldBe(["rm -rf -- /srv/x"]);
        file.Plan(Bind<FileArgs>(file, "path: /srv/x\nstate: absent"), FileState.Absent).IsEmpty.ShouldBeTrue();
        var link = Bind<FileArgs>(file, "path: /srv/cur\nstate: link\nsrc: /srv/v1");
        Commands(file.Plan(link, FileState.Absent)).ShouldBe(["ln -sfn -- /srv/v1 /srv/cur"]);
        file.Plan(link, new FileState(FileKind.Link, "0777", "root", "root", "/srv/v1", null, 7)).IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void File_reader_parses_stat_and_content()
    {
        var state = FileReader.Parse("file\n640 root postfix 4\n" + Convert.ToBase64String("abc\n"u8.ToArray()) + "\n");
        state.ShouldBe(state with { Kind = FileKind.File, Mode = "0640", Owner = "root", Group = "postfix", Size = 4 });
        Encoding.UTF8.GetString(state.Content!).ShouldBe("abc\n");
        FileReader.Parse("absent\n").ShouldBe(FileState.Absent);
        FileReader.Parse("link\n777 root root 7\n/srv/v1\n").LinkTarget.ShouldBe("/srv/v1");
    }
}
