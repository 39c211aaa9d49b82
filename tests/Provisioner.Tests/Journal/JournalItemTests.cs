using Provisioner.HostFacts;
using Provisioner.Journal;
using Provisioner.Tests.Execution;
using Provisioner.Tests.ModuleTests;

namespace Provisioner.Tests.JournalTests;

/// <summary>What each journal item asks journal.sh to record, and the items that can cut the controller off.</summary>
public sealed class JournalItemTests : IDisposable
{
    private readonly LocalRun _run = new();

    public void Dispose() => _run.Dispose();

    [Fact]
    public void Each_item_is_one_kind_and_one_argument_for_journal_sh()
    {
        JournalItem[] items = [new JournalFile("/etc/a"), new JournalNewPath("/home/u"), new JournalUnit("postfix"), new JournalFirewallZone("public"),
            new JournalNmConnection("eth0"), new JournalPackages(["postfix"], "apt")];
        items.Select(i => (i.Kind, i.Argument, i.CanCutAccess)).ShouldBe([
            ("path", "/etc/a", false), ("newpath", "/home/u", false), ("unit", "postfix", false), ("firewalld", "/etc/firewalld", true),
            ("nmconnection", "eth0", true), ("packages", "apt", false)]);
        new[] { "firewalld", "firewalld.service", "nftables", "nftables.service" }.ShouldAllBe(u => new JournalUnit(u).CanCutAccess);
    }

    [Fact]
    public async Task A_new_path_is_removed_by_the_undo_only_when_the_stage_made_it()
    {
        var made = _run.PathOf("home/made");
        var kept = _run.PathOf("home/kept");
        Directory.CreateDirectory(kept);
        File.WriteAllText(Path.Combine(kept, "mail"), "the user's own");
        var journal = new StageJournal(new HostContext(_run.Host, ModuleTestKit.DebianFacts, false), _run.JournalRoot, StageJournal.NewRunId(), new JournalOf(1, 1, "play", "users", "owner")) { GuardSeconds = 90 };
        (await journal.BeginTaskAsync([new JournalNewPath(made), new JournalNewPath(kept)], TaskReach.Anywhere, default)).ShouldBeNull();
        Directory.CreateDirectory(made);
        File.WriteAllText(Path.Combine(kept, "mail"), "changed, but a home useradd -m never touches");

        (await journal.RollbackAsync(default)).Verdict.ShouldBe(RestoreVerdict.Restored);

        Directory.Exists(made).ShouldBeFalse();
        Directory.Exists(kept).ShouldBeTrue();
    }
}
