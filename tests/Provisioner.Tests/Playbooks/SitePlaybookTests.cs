using Provisioner.Modules;
using Provisioner.Playbooks;
using Provisioner.Probes;

namespace Provisioner.Tests.Playbooks;

/// <summary>The repository's own playbook and example inventory, as the README tells a user to use them.</summary>
public class SitePlaybookTests
{
    private static string Repo(string relative) => Fixture.Path(Path.Combine("..", "..", "..", relative));

    [Fact]
    public void Site_yml_validates_against_a_copy_of_the_fedora_example_beside_what_inventory_holds()
    {
        // README: copy inventory/fedora.example.yml to inventory/mine.yml. Whatever else the
        // repository keeps in inventory/ (group_vars, host_vars) comes along with the copy.
        using var dir = new TempDir();
        var inventory = Path.Combine(dir.Path, "inventory");
        foreach (var file in Directory.GetFiles(Repo("inventory"), "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(inventory, Path.GetRelativePath(Repo("inventory"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        var mine = Path.Combine(inventory, "mine.yml");
        File.Copy(Repo("inventory/fedora.example.yml"), mine);

        var (playbook, parsed, diagnostics) = PlaybookValidator.Validate(Repo("playbooks/site.yml"), mine, [], ModuleRegistry.Default, ProbeRegistry.Default);
        diagnostics.Select(d => d.ToString()).ShouldBeEmpty();
        playbook!.Plays.SelectMany(p => p.Stages).Count().ShouldBe(8);
        parsed!.Hosts.Select(h => h.Name).ShouldBe(["mail1"]);
    }
}
