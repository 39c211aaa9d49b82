namespace Provisioner.Journal;

/// <summary>Something a stage is about to touch, recorded before the first change so it can be restored.</summary>
public abstract record JournalItem;

public sealed record JournalFile(string Path) : JournalItem;

public sealed record JournalUnit(string Unit) : JournalItem;

public sealed record JournalFirewallZone(string Zone) : JournalItem;

public sealed record JournalPackages(IReadOnlyList<string> Names, string Manager) : JournalItem;
