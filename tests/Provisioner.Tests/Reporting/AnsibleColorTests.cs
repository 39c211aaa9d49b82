using Provisioner.Reporting;

namespace Provisioner.Tests.Reporting;

/// <summary>Issue 26, item 10: Ansible's colour switches, read for --color auto.</summary>
public sealed class AnsibleColorTests
{
    [Theory]
    [InlineData("auto", "1", null, "never")]
    [InlineData("auto", "true", null, "never")]
    [InlineData("auto", "0", null, "auto")]       // Ansible reads 0 as false
    [InlineData("auto", null, "yes", "always")]
    [InlineData("auto", "1", "1", "always")]      // force wins, as in Ansible
    [InlineData("never", null, "1", "never")]     // --color said it
    [InlineData("always", "1", null, "always")]
    [InlineData("auto", null, null, "auto")]
    public void Ansible_switches_decide_only_auto(string mode, string? noColor, string? forceColor, string expected) =>
        ConsoleStyle.AnsibleColor(mode, noColor, forceColor).ShouldBe(expected);
}
