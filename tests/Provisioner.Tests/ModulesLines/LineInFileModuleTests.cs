using System.Text;
using System.Text.RegularExpressions;
using Provisioner.Modules;
using Provisioner.Modules.Files;
using Provisioner.Modules.Lines;
using static Provisioner.Tests.ModuleTests.ModuleTestKit;

namespace Provisioner.Tests.ModuleTests;

public class LineInFileModuleTests
{
    private readonly LineInFileModule _module = new();

    private static Regex R(string p) => new(p);
    private static LinePosition After(string p) => new(true, R(p), false);
    private static LinePosition Before(string p) => new(false, R(p), false);

    [Theory]
    [InlineData("a=1\nb=2\n", "b=3", "^b=", "a=1\nb=3\n")]                      // replace in place
    [InlineData("a=1\nb=2", "b=3", "^b=", "a=1\nb=3")]                          // no trailing newline kept
    [InlineData("a=1\r\nb=2\r\n", "b=3", "^b=", "a=1\r\nb=3\r\n")]              // CRLF kept
    [InlineData("b=1\nx\nb=2\n", "b=3", "^b=", "b=1\nx\nb=3\n")]                // last of several matches
    [InlineData("a=1\n", "b=3", "^b=", "a=1\nb=3\n")]                           // no match: appended at EOF
    [InlineData("a=1", "b=3", "^b=", "a=1\nb=3\n")]                             // appended after a last line without newline
    [InlineData("a=1\r\n", "b=3", null, "a=1\r\nb=3\r\n")]                      // inserted line takes the file's CRLF
    [InlineData("", "b=3", null, "b=3\n")]                                       // empty file
    [InlineData("a=1\nb=3\nc\n", "b=3", null, "a=1\nb=3\nc\n")]                 // already there: unchanged
    [InlineData("#Port 22\n", "Port 2222", "^#?Port ", "Port 2222\n")]          // commented default replaced
    public void Ensure_replaces_or_appends(string content, string line, string? regexp, string expected) =>
        LineEditor.Ensure(content, line, regexp is null ? null : R(regexp), LinePosition.End).ShouldBe(expected);

    [Fact]
    public void Ensure_inserts_after_the_last_or_before_the_first_anchor_match()
    {
        const string conf = "[main]\nx=1\n[extra]\ny=2\n[main]\n";
        LineEditor.Ensure(conf, "z=3", null, After(@"^\[main\]")).ShouldBe("[main]\nx=1\n[extra]\ny=2\n[main]\nz=3\n");
        LineEditor.Ensure(conf, "z=3", null, Before(@"^\[")).ShouldBe("z=3\n[main]\nx=1\n[extra]\ny=2\n[main]\n");
        LineEditor.Ensure(conf, "z=3", null, Before("^nothing")).ShouldEndWith("[main]\nz=3\n");
        LineEditor.Ensure(conf, "# top", null, new LinePosition(false, null, true)).ShouldStartWith("# top\n[main]");
    }

    [Fact]
    public void Remove_drops_every_match_and_keeps_the_rest_byte_for_byte()
    {
        LineEditor.Remove("a\r\nb=1\r\nc\r\nb=2", null, R("^b=")).ShouldBe("a\r\nc\r\n");
        LineEditor.Remove("a\nb\na\n", "a", null).ShouldBe("b\n");
        LineEditor.Remove("a\nb", "x", null).ShouldBe("a\nb");
    }

    private static FileState File(string content, string mode = "0640") =>
        new(FileKind.File, mode, "root", "postfix", null, Encoding.UTF8.GetBytes(content), content.Length);

    [Fact]
    public void Plan_uploads_the_whole_edited_content_keeping_mode()
    {
        var args = Bind<LineInFileArgs>(_module, "path: /etc/ssh/sshd_config\nregexp: '^#?PermitRootLogin '\nline: PermitRootLogin no");
        var plan = _module.Plan(args, File("Port 22\n#PermitRootLogin yes\n"));
        Commands(plan).ShouldBe(["upload /etc/ssh/sshd_config mode=0640 owner= group="]);
        plan.Changes.Single().After.ShouldBe("Port 22\nPermitRootLogin no\n");
        _module.Plan(args, File("Port 22\nPermitRootLogin no\n")).IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void Missing_file_needs_create_and_absent_on_missing_file_is_ok()
    {
        var args = Bind<LineInFileArgs>(_module, "path: /etc/x.conf\nline: a=1");
        Commands(_module.Plan(args, FileState.Absent)).Single().ShouldContain("create: true");
        var create = Bind<LineInFileArgs>(_module, "path: /etc/x.conf\nline: a=1\ncreate: true\nmode: \"0600\"");
        Commands(_module.Plan(create, FileState.Absent)).ShouldBe(["upload /etc/x.conf mode=0600 owner= group="]);
        _module.Plan(Bind<LineInFileArgs>(_module, "path: /etc/x.conf\nregexp: ^a=\nstate: absent"), FileState.Absent).IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void Same_content_only_fixes_attributes()
    {
        var args = Bind<LineInFileArgs>(_module, "path: /etc/x.conf\nline: a=1\nmode: \"0644\"");
        Commands(_module.Plan(args, File("a=1\n"))).ShouldBe(["chmod 0644 -- /etc/x.conf"]);
    }

    [Fact]
    public void Bad_input_is_reported_at_bind_time()
    {
        BindErrors(_module, "path: /x\nline: a\nregexp: '(['").Single().Message.ShouldContain("not a valid regular expression");
        BindErrors(_module, "path: /x\nline: \"a\\nb\"").Single().Message.ShouldContain("single line");
    }

    [Fact]
    public void Secret_line_is_masked_in_the_change()
    {
        var args = Bind<LineInFileArgs>(_module, "path: /etc/app.env\nline: !secret TOKEN=hunter22");
        _module.Plan(args, File("A=1\n")).Changes.Single().Secret.ShouldBeTrue();
    }
}
