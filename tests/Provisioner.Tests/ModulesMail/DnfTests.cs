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

    /// <summary>
    /// dnf 4 ends every repoquery result with a newline of its own (a blank line after the format's);
    /// dnf5 prints the format as given, so without the format's newline its results would run into
    /// one line. Both outputs, as the lab's dnf 4.23 (trixie) and dnf5 5.4.6 (forky) print them.
    /// </summary>
    [Theory]
    [InlineData("dnf 4", "i provtest-a 1.0-1\ni provtest-b -\nc provtest-a 2.0-1\n\nc provtest-b 1.0-1\n\n")]
    [InlineData("dnf5", "i provtest-a 1.0-1\ni provtest-b -\nc provtest-a 2.0-1\nc provtest-b 1.0-1\n")]
    public void Read_asks_for_one_line_per_package_and_parses_dnf4_and_dnf5_alike(string dnf, string stdout)
    {
        var args = Bind<PackageArgs>(_dnf, "name: [provtest-a, provtest-b]\nstate: latest");
        PackageModule.ReadCommand(args).Render().ShouldContain("--qf 'c %{name} %{version}-%{release}\\n'");
        var state = PackageModule.Parse(stdout);
        state.Installed.ShouldBe(new Dictionary<string, string?> { ["provtest-a"] = "1.0-1", ["provtest-b"] = null }, dnf);
        state.Candidates.ShouldBe(new Dictionary<string, string?> { ["provtest-a"] = "2.0-1", ["provtest-b"] = "1.0-1" }, dnf);
    }

    [Fact]
    public void Latest_upgrades_installed_packages_and_installs_missing_ones()
    {
        var args = Bind<PackageArgs>(_dnf, "name: [provtest-a, provtest-b]\nstate: latest");
        var plan = _dnf.Plan(args, PackageModule.Parse("i provtest-a 1.0-1\ni provtest-b -\nc provtest-a 2.0-1\nc provtest-b 1.0-1\n"));
        Commands(plan).ShouldBe(["dnf -y -q install provtest-b", "dnf -y -q upgrade provtest-a"]);
        plan.Changes.Select(c => c.Summary).ShouldBe(["package provtest-a: 1.0-1 → 2.0-1", "package provtest-b: (absent) → 1.0-1"]);
    }

    /// <summary>
    /// The dnf5 of Fedora 41-43 as released answers 'Unknown argument "--"' (dnf5 issue 700; 5.4.3 and
    /// later, as in Debian testing, accept it), so no dnf command line may carry one: not install,
    /// upgrade, remove or repoquery, and not the journal's undo.
    /// </summary>
    [Fact]
    public void No_dnf_command_line_carries_a_double_dash()
    {
        var installed = PackageModule.Parse("i provtest-a 1.0-1\ni provtest-b -\nc provtest-a 2.0-1\nc provtest-b 1.0-1\n");
        var lines = new List<string>();
        foreach (var state in new[] { "present", "latest", "absent" })
        {
            var args = Bind<PackageArgs>(_dnf, $"name: [provtest-a, provtest-b]\nstate: {state}");
            lines.AddRange(Commands(_dnf.Plan(args, installed)));
            lines.Add(PackageModule.ReadCommand(args).Render());
        }
        lines.ShouldContain("dnf -y -q install provtest-b");
        lines.ShouldContain("dnf -y -q remove provtest-a");
        var dnf = lines.SelectMany(l => l.Split(';', '\n')).Where(l => l.Contains("dnf ", StringComparison.Ordinal) && !l.StartsWith("set -- ", StringComparison.Ordinal)).ToList();
        dnf.Count.ShouldBeGreaterThanOrEqualTo(5);
        dnf.ShouldAllBe(l => !l.Contains(" -- ", StringComparison.Ordinal));

        var journal = Provisioner.Transport.HostScript.Load("journal.sh").Body.Split('\n').Where(l => l.Contains("dnf -y", StringComparison.Ordinal)).ToList();
        journal.ShouldNotBeEmpty();
        journal.ShouldAllBe(l => !l.Contains(" -- ", StringComparison.Ordinal));
    }
}
