using Provisioner.Reads;
using Provisioner.Tests.Transport;

namespace Provisioner.Tests.Reads;

public class MarkedSectionsTests
{
    [Fact]
    public void Sections_printed_by_a_real_shell_come_apart_by_name()
    {
        var script = $"echo before; {MarkedSections.Echo("first")}; printf 'a\\r\\n\\n  b  \\n'; {MarkedSections.Echo("empty")}; {MarkedSections.Echo("last")}; printf 'no newline'";
        var run = LocalShell.Run(script);
        run.Exit.ShouldBe(0);
        var sections = MarkedSections.Parse(run.Stdout);

        sections.Words("").ShouldBe(["before"]);
        sections.Lines("first").ShouldBe(["a", "", "  b  "]); // CR gone, inner blank line kept
        sections.Words("first").ShouldBe(["a", "b"]);
        sections.Has("empty").ShouldBeTrue();
        sections.Text("empty").ShouldBe("");
        sections.Text("last").ShouldBe("no newline");
        sections.Has("missing").ShouldBeFalse();
        sections.Lines("missing").ShouldBeEmpty();
        sections.Names.ShouldBe(["", "first", "empty", "last"], ignoreOrder: true);
    }
}
