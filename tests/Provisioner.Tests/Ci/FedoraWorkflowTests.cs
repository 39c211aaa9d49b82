using System.Runtime.CompilerServices;
using YamlDotNet.RepresentationModel;

namespace Provisioner.Tests.Ci;

/// <summary>
/// .github/workflows/fedora-vm.yml and the README's "Run it in CI against a Fedora VM" give the same
/// commands, in the order the run needs them. (actionlint checks the workflow itself: tests/lint.)
/// </summary>
public sealed class FedoraWorkflowTests
{
    private static string Repo(string relative, [CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "..", relative));

    /// <summary>The commands of the steps that run on success (not the diagnostics shown on failure).</summary>
    private static List<string> WorkflowCommands()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Repo(".github/workflows/fedora-vm.yml"))));
        var job = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["jobs"])["fedora-vm"];
        var commands = new List<string>();
        foreach (var step in ((YamlSequenceNode)job["steps"]).Cast<YamlMappingNode>())
        {
            if (!step.Children.TryGetValue("run", out var run)) continue;
            if (step.Children.TryGetValue("if", out var when) && ((YamlScalarNode)when).Value != "always()") continue;
            commands.AddRange(((YamlScalarNode)run).Value!.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
        }
        return commands;
    }

    [Fact]
    public void Every_command_of_the_workflow_is_one_the_readme_gives()
    {
        var readme = File.ReadAllText(Repo("README.md"));
        var start = readme.IndexOf("## Run it in CI against a Fedora VM", StringComparison.Ordinal);
        start.ShouldBeGreaterThan(0, "README has no section 'Run it in CI against a Fedora VM'");
        var end = readme.IndexOf("\n## ", start + 5, StringComparison.Ordinal);
        var given = readme[start..end].Split('\n').Select(l => l.Trim()).ToHashSet(StringComparer.Ordinal);

        var commands = WorkflowCommands();
        commands.Count.ShouldBeGreaterThan(10);
        commands.Where(c => !given.Contains(c)).ShouldBeEmpty("workflow commands missing from the README's section (copy them there)");
    }

    [Fact]
    public void The_workflow_downloads_boots_with_kvm_then_validates_applies_checks_verifies_and_always_takes_the_vm_down()
    {
        var commands = WorkflowCommands();
        int At(string part)
        {
            var i = commands.FindIndex(c => c.Contains(part, StringComparison.Ordinal));
            i.ShouldBeGreaterThanOrEqualTo(0, $"no step runs '{part}'");
            return i;
        }
        string[] order =
        [
            "tests/vm/fedora-image -o", "tests/vm/vm up fedora --image \"$IMAGE\" --accel kvm", "tests/vm/vm inventory fedora",
            "\"$PROVISION\" validate", "\"$PROVISION\" apply", "\"$PROVISION\" check", "\"$PROVISION\" verify", "tests/vm/vm down fedora",
        ];
        order.Select(At).ShouldBe(order.Select(At).Order(), "steps out of order");
        // apply: 0 or 2 is success; check: only 0 (a step fails on any other exit).
        commands.ShouldContain("[ \"$rc\" -eq 0 ] || [ \"$rc\" -eq 2 ]");
        commands.Single(c => c.Contains("\"$PROVISION\" check", StringComparison.Ordinal)).ShouldNotContain("||");
        commands.Where(c => c.Contains("--junit", StringComparison.Ordinal)).Count().ShouldBe(3);
    }
}
