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

    private static YamlMappingNode Jobs()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Repo(".github/workflows/fedora-vm.yml"))));
        return (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["jobs"];
    }

    private static IEnumerable<YamlMappingNode> Steps(string job) => ((YamlSequenceNode)((YamlMappingNode)Jobs()[job])["steps"]).Cast<YamlMappingNode>();

    /// <summary>The commands of every job's steps that run on success (not the diagnostics shown on failure).</summary>
    private static List<string> WorkflowCommands()
    {
        var commands = new List<string>();
        foreach (var step in Steps("targets").Concat(Steps("fedora-vm")))
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
    public void The_workflow_downloads_boots_with_kvm_asserts_enforcing_rolls_back_applies_checks_verifies_collects_denials_and_always_takes_the_vm_down()
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
            "tests/vm/ci image \"$TARGET_IMAGE\" \"$TARGET_RELEASE\" \"$IMAGE\"", "tests/vm/vm up target --image \"$IMAGE\" --accel kvm --nat --boot-timeout 600",
            "tests/vm/vm inventory target", "tests/vm/ci enforcing target", "tests/vm/ci epel target", "\"$PROVISION\" validate",
            "tests/vm/ci rollback target", "\"$PROVISION\" apply", "\"$PROVISION\" check", "\"$PROVISION\" verify",
            "tests/vm/ci avc target", "tests/vm/vm down target",
        ];
        order.Select(At).ShouldBe(order.Select(At).Order(), "steps out of order");
        // apply: 0 or 2 is success; check: only 0 (a step fails on any other exit).
        commands.ShouldContain("[ \"$rc\" -eq 0 ] || [ \"$rc\" -eq 2 ]");
        commands.Single(c => c.Contains("\"$PROVISION\" check", StringComparison.Ordinal)).ShouldNotContain("||");
        commands.Where(c => c.Contains("--junit", StringComparison.Ordinal)).Count().ShouldBe(3);
        // The denials are collected even when an earlier step failed.
        Steps("fedora-vm").Single(s => s.Children.TryGetValue("run", out var run) && run.ToString().Contains("tests/vm/ci avc", StringComparison.Ordinal))["if"]
            .ToString().ShouldBe("always()");
    }

    [Fact]
    public void One_job_per_target_from_the_targets_job_each_with_its_own_reports()
    {
        var job = (YamlMappingNode)Jobs()["fedora-vm"];
        ((YamlScalarNode)job["needs"]).Value.ShouldBe("targets");
        ((YamlScalarNode)((YamlMappingNode)((YamlMappingNode)job["strategy"])["matrix"])["target"]).Value
            .ShouldBe("${{ fromJSON(needs.targets.outputs.matrix) }}");
        ((YamlScalarNode)((YamlMappingNode)((YamlMappingNode)Jobs()["targets"])["outputs"])["matrix"]).Value.ShouldBe("${{ steps.matrix.outputs.matrix }}");
        var upload = Steps("fedora-vm").Single(s => s.Children.TryGetValue("uses", out var u) && u.ToString().StartsWith("actions/upload-artifact", StringComparison.Ordinal));
        ((YamlMappingNode)upload["with"])["name"].ToString().ShouldBe("fedora-vm-reports-${{ matrix.target.image }}-${{ matrix.target.release }}");
    }
}
