using Provisioner.Modules;
using Provisioner.Modules.Packages;
using static Provisioner.Tests.ModuleTests.ModuleTestKit;

namespace Provisioner.Tests.ModulesMail;

public class DnfTests
{
    private readonly PackageModule _dnf = new("dnf", "dnf");

    [Fact]
    public void Transaction_id_from_history_info_last()
    {
        DnfHistory.LastTransactionId("""
            Transaction ID : 12
            Begin time     : Fri Nov 27 18:25:35 2026
            Command Line   : -y -q upgrade -- provtest-a
            Packages Altered:
                Upgrade  provtest-a-2.0-1.noarch @provtest
            """).ShouldBe(12);
    }

    [Fact]
    public void Transaction_id_from_history_list_in_either_order_and_format()
    {
        const string dnf4 = """
            ID     | Command line             | Date and time    | Action(s)      | Altered
            -------------------------------------------------------------------------------
                 2 | -y -q upgrade -- provtes | 2026-11-27 18:25 | Upgrade        |    1
                 1 | -y -q install -- provtes | 2026-11-27 18:25 | Install        |    1
            """;
        DnfHistory.LastTransactionId(dnf4).ShouldBe(2);
        DnfHistory.LastTransactionId("ID Command line            Date and time       Action(s) Altered\n 9 dnf install postfix    2026-01-02 10:00:00             1\n10 dnf upgrade -y         2026-01-03 10:00:00            12\n").ShouldBe(10);
        DnfHistory.LastTransactionId("").ShouldBeNull();
        DnfHistory.LastTransactionId("No transaction which manipulates package 'x' was found.").ShouldBeNull();
    }

    [Fact]
    public void Read_parses_versions_and_the_last_transaction()
    {
        var args = Bind<PackageArgs>(_dnf, "name: [provtest-a]\nstate: latest");
        var cmd = PackageModule.ReadCommand(args).Render();
        cmd.ShouldContain("dnf -q --refresh repoquery --latest-limit=1");
        cmd.ShouldContain("dnf -q history info last 2>/dev/null");
        var state = PackageModule.Parse("i provtest-a 1.0-1\nc provtest-a 2.0-1\n::dnf-history\nTransaction ID : 3\nCommand Line   : install -- c d\n    Install  provtest-a-1.0-1.noarch @provtest\n");
        state.Installed.ShouldBe(new Dictionary<string, string?> { ["provtest-a"] = "1.0-1" });
        state.Candidates.ShouldBe(new Dictionary<string, string?> { ["provtest-a"] = "2.0-1" });
        state.LastTransaction.ShouldBe(3);
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
