namespace Provisioner.Journal;

/// <summary>
/// How far a task's change may reach on the host. When the next task begins, the journal re-reads
/// what the finished task may have changed: that state is what a later recovery compares the host
/// with. Reading back only what a task touched keeps each task's journal cost small and still
/// notices a change nobody in the stage made.
/// </summary>
public enum TaskReach
{
    /// <summary>Anything on the host (a package install, a command, a service start): every entry is read again.</summary>
    Anywhere,

    /// <summary>Only the journal items the task names: those, and paths above or below them, are read again.</summary>
    ItsJournalItems,
}
