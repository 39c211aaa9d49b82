namespace Provisioner.Journal;

/// <summary>Which journal <c>provision rollback</c> undoes on a host, or why it undoes none.</summary>
public abstract record RollbackChoice
{
    /// <summary>Undo this journal (a committed one only when the operator named it).</summary>
    public sealed record Undo(HostJournal Journal) : RollbackChoice;

    /// <summary>Nothing to undo, and why (said to the operator; not a failure).</summary>
    public sealed record Nothing(string Why) : RollbackChoice;

    /// <summary>The operator must say which journal: the message names the candidates and how.</summary>
    public sealed record AskForId(string Why) : RollbackChoice;

    /// <summary>
    /// With <paramref name="id"/>: that journal, whatever its state, unless it is already undone or
    /// discarded. Otherwise the newest journal of the stage (in the given play): undone only when it is
    /// unfinished or incomplete — a committed stage, or one already undone with an older committed
    /// journal behind it, is never chosen silently: the operator names it with --journal.
    /// </summary>
    public static RollbackChoice Choose(IReadOnlyList<HostJournal> journals, int? stage, int? play, string? id, string playbook)
    {
        if (id is not null)
        {
            var named = journals.FirstOrDefault(j => j.Id == id.Trim('/'));
            if (named is null) return new AskForId($"no journal '{id}' on this host; {Listing(journals, stage, play)}");
            return named.State is JournalStates.RolledBack or JournalStates.Discarded
                ? new Nothing($"{named.Describe()}: already {named.State}, nothing to undo")
                : new Undo(named);
        }
        var ofStage = journals.Where(j => j.Stage == stage && (play is null || j.Play == play)).ToList();
        if (ofStage.Count == 0) return new Nothing($"no journal of stage {stage}{(play is null ? "" : $" of play {play}")} on this host");
        var plays = ofStage.Select(j => j.Play).Distinct().ToList();
        if (play is null && plays.Count > 1)
            return new AskForId($"stage {stage} is in {plays.Count} plays of this host's journals; name one with --play N, or the journal with --journal ID: {Listing(journals, stage, null)}");
        var newest = ofStage[0];
        if (newest.Unfinished || newest.Incomplete) return new Undo(newest);
        var older = ofStage.Skip(1).FirstOrDefault(j => j.State == JournalStates.Committed);
        return newest.State switch
        {
            JournalStates.Committed => new AskForId(
                $"the newest journal of stage {stage} is {newest.Describe()}: the stage was applied and verified. " +
                $"To undo it, name it: provision rollback {playbook} --journal {newest.Id}"),
            _ when older is not null => new AskForId(
                $"the newest journal of stage {stage} is {newest.Describe()}, so there is nothing left of it to undo; " +
                $"an older one is {older.Describe()}. To undo that one, name it: provision rollback {playbook} --journal {older.Id}"),
            _ => new Nothing($"the newest journal of stage {stage} is {newest.Describe()}: nothing to undo"),
        };
    }

    private static string Listing(IReadOnlyList<HostJournal> journals, int? stage, int? play)
    {
        var shown = journals.Where(j => (stage is null || j.Stage == stage) && (play is null || j.Play == play)).Take(10).ToList();
        return shown.Count == 0 ? "there are none" : "journals here: " + string.Join("; ", shown.Select(j => j.Describe()));
    }
}
