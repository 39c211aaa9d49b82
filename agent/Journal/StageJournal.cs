using System.Text;
using Provisioner.Modules;
using Provisioner.Transport;

namespace Provisioner.Journal;

/// <summary>
/// One stage's journal on one host. Each item is recorded once, just before the first step that
/// touches it, so what is kept is the state from before the stage. Recording happens only when
/// something is about to change: a stage with nothing to do leaves no journal.
/// </summary>
public sealed class StageJournal(HostContext host, string runId, int stageNumber, string stageName)
{
    private readonly HashSet<string> _recorded = new(StringComparer.Ordinal);

    public string Directory { get; } = $"{JournalScripts.Root}/{runId}/{stageNumber:00}-{Safe(stageName)}";
    public bool Started { get; private set; }

    /// <summary>Records the items not yet recorded. Returns an error message, or null.</summary>
    public async Task<string?> RecordAsync(IEnumerable<JournalItem> items, CancellationToken ct)
    {
        var calls = new StringBuilder();
        foreach (var item in items)
        {
            var (key, call) = item switch
            {
                JournalFile f => ("path:" + f.Path, "record_path " + ShellQuote.Quote(f.Path)),
                JournalUnit u => ("unit:" + u.Unit, "record_unit " + ShellQuote.Quote(u.Unit)),
                // Zones live together in /etc/firewalld; one copy of it restores any of them.
                JournalFirewallZone => ("firewalld", "record_firewalld"),
                JournalPackages p => ("packages:" + p.Manager, "record_packages " + ShellQuote.Quote(p.Manager)),
                _ => (item.ToString()!, ""),
            };
            if (call.Length > 0 && _recorded.Add(key)) calls.Append(call).Append('\n');
        }
        if (calls.Length == 0 && Started) return null;
        var script = $"J={ShellQuote.Quote(Directory)}\n{JournalScripts.RecordFunctions}\n{calls}true\n";
        var result = await host.RunAsync(Command.Script(script), ct).ConfigureAwait(false);
        if (!result.Ok) return $"could not record the stage journal in {Directory}: {result.Describe()}";
        Started = true;
        return null;
    }

    public Task<CommandResult> CommitAsync(CancellationToken ct) =>
        host.RunAsync(Command.Script($"echo committed > {ShellQuote.Quote(Directory + "/state")}; {JournalScripts.Prune}"), ct);

    public Task<CommandResult> RollbackAsync(CancellationToken ct) => RollbackAsync(host, Directory, ct);

    public static Task<CommandResult> RollbackAsync(HostContext host, string directory, CancellationToken ct) =>
        host.RunAsync(Command.Script($"J={ShellQuote.Quote(directory)}\n{JournalScripts.Restore}") with { Timeout = TimeSpan.FromMinutes(20) }, ct);

    public static string NewRunId() => $"{DateTime.UtcNow:yyyyMMdd'T'HHmmss'Z'}-{Guid.NewGuid().ToString("N")[..6]}";

    private static string Safe(string name) => new(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
}
