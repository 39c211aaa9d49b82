using Provisioner.HostFacts;
using Provisioner.Transport;

namespace Provisioner.Journal;

public enum RestoreMode { Guard, Rollback, Recover, Force }

public enum RestoreVerdict
{
    /// <summary>The stage is undone.</summary>
    Restored,
    /// <summary>The undo ran but some of it failed (see the lines and the detail).</summary>
    Incomplete,
    /// <summary>Nothing done: the journal is not in a state this mode acts on (the detail names it).</summary>
    NotInState,
    /// <summary>Nothing done: there is no journal there.</summary>
    Missing,
}

/// <summary>
/// What an undo did: journal.sh's lines, path by path and package by package — what it put back
/// (<see cref="Undone"/>) and, when it is incomplete, what it could not (<see cref="NotUndone"/>).
/// </summary>
public sealed record RestoreOutcome(RestoreVerdict Verdict, IReadOnlyList<string> Undone, string Detail)
{
    private const string NotUndonePrefix = "not undone: ";
    private const string KeptPrefix = "kept: ";

    public bool Ok => Verdict == RestoreVerdict.Restored;

    public IReadOnlyList<string> NotUndone { get; init; } = [];

    /// <summary>What the undo left as it is because it cannot be taken back (a version the repository no longer offers).</summary>
    public IReadOnlyList<string> Kept { get; init; } = [];

    public string Listing => Undone.Count == 0 ? "nothing differed" : string.Join("; ", Undone);

    /// <summary>Splits journal.sh's lines into what was put back and what was not.</summary>
    public static RestoreOutcome FromLines(RestoreVerdict verdict, IReadOnlyList<string> lines, string detail) =>
        new(verdict, lines.Where(l => !l.StartsWith(NotUndonePrefix, StringComparison.Ordinal) && !l.StartsWith(KeptPrefix, StringComparison.Ordinal)).ToList(), detail)
        {
            NotUndone = lines.Where(l => l.StartsWith(NotUndonePrefix, StringComparison.Ordinal)).Select(l => l[NotUndonePrefix.Length..]).ToList(),
            Kept = lines.Where(l => l.StartsWith(KeptPrefix, StringComparison.Ordinal)).Select(l => l[KeptPrefix.Length..]).ToList(),
        };
}

/// <summary>What differs on the host from what an unfinished stage left: empty when nothing does.</summary>
public sealed record JournalComparison(bool Comparable, IReadOnlyList<string> Differences);

/// <summary>
/// journal.sh, the operations that act on a journal already on the host (restore, compare, discard),
/// and the listing of unfinished journals.
/// </summary>
public static class JournalScript
{
    public const string DefaultRoot = "/var/lib/provision/journal";

    /// <summary>journal.sh: the journal is not in a state the operation acts on.</summary>
    public const int NotInState = 10;

    /// <summary>journal.sh: the host changed since the stage's last finished task.</summary>
    public const int ChangedSince = 11;

    private static readonly HostScript Script = HostScript.Load("journal.sh");

    public static byte[] Bytes => Script.Bytes;

    /// <summary>Undoes the stage with the journal's own copy of the script (a journal from an older version with its restore.sh).</summary>
    public static async Task<RestoreOutcome> RestoreAsync(HostContext host, string directory, RestoreMode mode, CancellationToken ct)
    {
        var own = directory + "/journal.sh";
        var text = $"if [ -f {ShellQuote.Quote(own)} ]; then {HostScript.Call(own, "restore", directory, mode.ToString().ToLowerInvariant())}; " +
                   $"elif [ -f {ShellQuote.Quote(directory + "/restore.sh")} ]; then sh {ShellQuote.Quote(directory + "/restore.sh")}; else echo 'no journal' >&2; exit 3; fi";
        var result = await host.RunAsync(Command.Script(text) with { Timeout = TimeSpan.FromMinutes(20) }, ct).ConfigureAwait(false);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return result.ExitStatus switch
        {
            0 => RestoreOutcome.FromLines(RestoreVerdict.Restored, lines, "undone"),
            NotInState => new(RestoreVerdict.NotInState, [], result.Stdout.Trim()),
            3 => new(RestoreVerdict.Missing, [], $"no journal at {directory}"),
            1 => RestoreOutcome.FromLines(RestoreVerdict.Incomplete, lines, "incomplete"),
            _ => RestoreOutcome.FromLines(RestoreVerdict.Incomplete, lines, result.Describe()),
        };
    }

    public static async Task<JournalComparison> CompareAsync(HostContext host, string directory, CancellationToken ct)
    {
        var result = await host.RunAsync(Command.Script(Script.Inline("compare", directory), readOnly: true), ct).ConfigureAwait(false);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return result.ExitStatus switch
        {
            0 => new(true, []),
            ChangedSince => new(true, lines),
            _ => new(false, [result.Describe()]),
        };
    }

    /// <summary>Leaves the host as it is and closes the journal; null, or why it could not.</summary>
    public static async Task<string?> DiscardAsync(HostContext host, string directory, CancellationToken ct)
    {
        var result = await host.RunAsync(Command.Script(Script.Inline("discard", directory)), ct).ConfigureAwait(false);
        return result.Ok ? null : result.ExitStatus == NotInState ? $"it is {result.Stdout.Trim()}" : result.Describe();
    }

    /// <summary>Every journal under the root, newest first (the order to undo them in); null when they cannot be listed.</summary>
    public static async Task<(IReadOnlyList<HostJournal>? Journals, string? Error)> ListAsync(HostContext host, string root, CancellationToken ct)
    {
        var result = await host.RunAsync(Command.Script(Script.Inline("list", root), readOnly: true), ct).ConfigureAwait(false);
        if (!result.Ok) return (null, $"could not list the stage journals in {root}: {result.Describe()}");
        return (JournalListing.Parse(root, result.Stdout), null);
    }
}
