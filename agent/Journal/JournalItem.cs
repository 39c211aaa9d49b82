namespace Provisioner.Journal;

/// <summary>Something a stage is about to touch, recorded before the first change so it can be restored.</summary>
public abstract record JournalItem;

public sealed record JournalFile(string Path) : JournalItem;

/// <summary>
/// A path a step creates only when it is absent (useradd -m never touches an existing home): its
/// absence is recorded, so the undo removes it; a path already there is left out of the journal.
/// </summary>
public sealed record JournalNewPath(string Path) : JournalItem;

public sealed record JournalUnit(string Unit) : JournalItem;

public sealed record JournalFirewallZone(string Zone) : JournalItem;

public sealed record JournalPackages(IReadOnlyList<string> Names, string Manager) : JournalItem;
