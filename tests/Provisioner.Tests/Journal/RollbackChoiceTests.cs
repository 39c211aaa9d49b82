using Provisioner.Journal;

namespace Provisioner.Tests.JournalTests;

/// <summary>Which journal provision rollback undoes: never a committed one it was not asked for by id.</summary>
public sealed class RollbackChoiceTests
{
    private static HostJournal J(string run, int play, int stage, string state) =>
        new($"{run}/p{play:00}-{stage:00}-s{stage}", $"/var/lib/provision/journal/{run}/p{play:00}-{stage:00}-s{stage}", state, play, stage, $"play{play}", $"s{stage}");

    private static RollbackChoice Choose(int? stage, params HostJournal[] newestFirst) => RollbackChoice.Choose(newestFirst, stage, null, null, "site.yml");

    [Theory]
    [InlineData("open")]
    [InlineData("restoring")]
    [InlineData("incomplete")]
    public void The_newest_journal_of_the_stage_is_undone_when_it_is_unfinished_or_incomplete(string state)
    {
        var newest = J("2", 1, 8, state);
        Choose(8, newest, J("1", 1, 8, "committed")).ShouldBe(new RollbackChoice.Undo(newest));
    }

    [Fact]
    public void A_committed_stage_is_not_undone_unless_named_and_the_message_names_it()
    {
        var ask = Choose(8, J("2", 1, 8, "committed")).ShouldBeOfType<RollbackChoice.AskForId>();
        ask.Why.ShouldContain("provision rollback site.yml --journal 2/p01-08-s8");
    }

    [Fact]
    public void After_an_undo_the_older_committed_journal_is_never_taken_silently()
    {
        // The defect: once the newest journal was rolled back (or its undo "finished" wrongly), a
        // second rollback --stage 8 undid the older, committed stage 8 without a word.
        var ask = Choose(8, J("2", 1, 8, "rolled-back"), J("1", 1, 8, "committed")).ShouldBeOfType<RollbackChoice.AskForId>();
        ask.Why.ShouldContain("--journal 1/p01-08-s8");
        ask.Why.ShouldContain("rolled-back");
    }

    [Fact]
    public void A_named_journal_is_undone_even_committed_but_not_one_already_undone()
    {
        var committed = J("1", 1, 8, "committed");
        RollbackChoice.Choose([J("2", 1, 8, "open"), committed], null, null, "1/p01-08-s8", "site.yml").ShouldBe(new RollbackChoice.Undo(committed));
        RollbackChoice.Choose([J("2", 1, 8, "rolled-back")], null, null, "2/p01-08-s8", "site.yml").ShouldBeOfType<RollbackChoice.Nothing>()
            .Why.ShouldContain("already rolled-back");
        RollbackChoice.Choose([committed], null, null, "9/p01-08-s8", "site.yml").ShouldBeOfType<RollbackChoice.AskForId>()
            .Why.ShouldContain("no journal '9/p01-08-s8'");
    }

    [Fact]
    public void When_two_plays_have_the_stage_the_play_must_be_named()
    {
        var first = J("1", 1, 3, "open");
        var second = J("1", 2, 3, "open");
        Choose(3, second, first).ShouldBeOfType<RollbackChoice.AskForId>().Why.ShouldContain("--play");
        RollbackChoice.Choose([second, first], 3, 1, null, "site.yml").ShouldBe(new RollbackChoice.Undo(first));
    }

    [Fact]
    public void No_journal_of_the_stage_is_nothing_to_do()
    {
        Choose(5, J("1", 1, 8, "committed")).ShouldBeOfType<RollbackChoice.Nothing>().Why.ShouldContain("no journal of stage 5");
    }
}
