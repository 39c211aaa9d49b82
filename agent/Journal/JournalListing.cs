using System.Globalization;

namespace Provisioner.Journal;

/// <summary>
/// One stage journal on a host, as <c>journal.sh list</c> reports it. Its id is its path below the
/// journal root (<c>RUN/pPP-SS-name</c>): the name an operator gives <c>provision rollback --journal</c>.
/// </summary>
/// <param name="Play">The play's number in its playbook; null for a journal written before journals named their play.</param>
public sealed record HostJournal(string Id, string Directory, string State, int? Play, int Stage, string PlayName, string StageName)
{
    /// <summary>A stage whose controller stopped mid-stage (open, or stopped while undoing).</summary>
    public bool Unfinished => State is JournalStates.Open or JournalStates.Restoring;

    /// <summary>An undo that did not put everything back; it may be run again.</summary>
    public bool Incomplete => State == JournalStates.Incomplete;

    /// <summary>"stage 3 'pop3s' of play 1 'mail server' (journal RUN/p01-03-pop3s, open)".</summary>
    public string Describe() =>
        $"stage {Stage} '{StageName}'{(Play is { } p ? $" of play {p}{(PlayName.Length > 0 ? $" '{PlayName}'" : "")}" : "")} (journal {Id}, {State})";
}

/// <summary>The states journal.sh keeps a journal in.</summary>
public static class JournalStates
{
    public const string Open = "open";
    public const string Restoring = "restoring";
    public const string Incomplete = "incomplete";
    public const string Committed = "committed";
    public const string RolledBack = "rolled-back";
    public const string Discarded = "discarded";
}

/// <summary>Reads <c>journal.sh list</c>'s tab-separated lines.</summary>
public static class JournalListing
{
    public static IReadOnlyList<HostJournal> Parse(string root, string output)
    {
        var journals = new List<HostJournal>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var f = line.Split('\t');
            if (f.Length < 6) continue;
            var stage = int.TryParse(f[3], NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
            int? play = int.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : null;
            journals.Add(new HostJournal(f[1], $"{root.TrimEnd('/')}/{f[1]}", f[0], play, stage, f[4], f[5]));
        }
        return journals;
    }
}
