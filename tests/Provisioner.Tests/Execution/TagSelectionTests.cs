using Provisioner.Execution;

namespace Provisioner.Tests.Execution;

/// <summary>
/// Issue 26, item 9: each row is what `ansible-playbook --list-tasks` of ansible-core 2.14 listed for
/// six tasks tagged (none), [web], [never], [never, debug], [always], [always, web].
/// </summary>
public sealed class TagSelectionTests
{
    private static readonly (string Name, string[] Tags)[] Tasks =
    [
        ("plain", []), ("web", ["web"]), ("never", ["never"]), ("never-debug", ["never", "debug"]), ("always", ["always"]), ("always-web", ["always", "web"]),
    ];

    [Theory]
    [InlineData("", "", "plain web always always-web")]
    [InlineData("all", "", "plain web always always-web")]
    [InlineData("web", "", "web always always-web")]
    [InlineData("debug", "", "never-debug always always-web")]
    [InlineData("never", "", "never never-debug always always-web")]
    [InlineData("tagged", "", "web always always-web")]
    [InlineData("untagged", "", "plain always always-web")]
    [InlineData("", "web", "plain always")]
    [InlineData("", "always", "plain web")]
    [InlineData("", "all", "always always-web")]
    [InlineData("", "tagged", "plain")]
    [InlineData("", "untagged", "web always always-web")]
    [InlineData("all", "always", "plain web")]
    [InlineData("always", "", "always always-web")]
    [InlineData("web", "always", "web")]
    public void Selects_what_ansible_selects(string only, string skip, string expected)
    {
        string[] Split(string s) => s.Split(',', StringSplitOptions.RemoveEmptyEntries);
        string.Join(" ", Tasks.Where(t => TagSelection.Runs(t.Tags, Split(only), Split(skip))).Select(t => t.Name)).ShouldBe(expected);
    }
}
