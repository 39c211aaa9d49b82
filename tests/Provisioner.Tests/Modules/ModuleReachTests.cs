using Provisioner.Journal;
using Provisioner.Modules;

namespace Provisioner.Tests.ModuleTests;

/// <summary>
/// A module that says its change reaches only its journal items lets the journal read back less after
/// it; one whose steps can change anything (a package's files, a command, a service's first start)
/// must not, or a later recovery would take its own stage's changes for someone else's.
/// </summary>
public sealed class ModuleReachTests
{
    [Fact]
    public void Only_modules_that_write_nothing_but_their_journal_items_say_so()
    {
        var confined = ModuleRegistry.Default.Names
            .Where(n => ModuleRegistry.Default.Find(n)!.Reach == TaskReach.ItsJournalItems)
            .ToList();

        confined.ShouldBe(["copy", "file", "firewalld", "group", "lineinfile", "postconf", "template", "user"]);
    }
}
