using Provisioner.Modules;
using Provisioner.Modules.Packages;
using static Provisioner.Tests.ModuleTests.ModuleTestKit;

namespace Provisioner.Tests.ModulesMail;

public class DnfTests
{
    private readonly PackageModule _dnf = new("dnf", "dnf");

    [Fact]
    public void Read_parses_versions_and_candidates()
    {
        var args = Bind<PackageArgs>(_dnf, "name: [provtest-a]\nstate: latest");
        var cmd = PackageModule.ReadCommand(args).Render();
        cmd.ShouldContain("dnf -q --refresh repoquery --latest-limit=1");
        cmd.ShouldNotContain("history"); // the journal records packages; the read needs no dnf history
        var state = PackageModule.Parse("i provtest-a 1.0-1\nc provtest-a 2.0-1\n");
        state.Installed.ShouldBe(new Dictionary<string, string?> { ["provtest-a"] = "1.0-1" });
        state.Candidates.ShouldBe(new Dictionary<string, string?> { ["provtest-a"] = "2.0-1" });
    }

    [Fact]
    public void Latest_upgrades_installed_packages_and_installs_missing_ones()
    {
        var args = Bind<PackageArgs>(_dnf, "name: [provtest-a, provtest-b]\nstate: latest");
        var plan = _dnf.Plan(args, PackageModule.Parse("i provtest-a 1.0-1\ni provtest-b -\nc provtest-a 2.0-1\nc provtest-b 1.0-1\n"));
        Commands(plan).ShouldBe(["dnf -y -q install -- provtest-b", "dnf -y -q upgrade -- provtest-a"]);
        plan.Changes.Select(c => c.Summary).ShouldBe(["package provtest-a: 1.0-1 → 2.0-1", "package provtest-b: (absent) → 1.0-1"]);
    }
}
