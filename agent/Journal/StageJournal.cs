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

    /// <summary>Seconds the host waits for the controller to prove it can still log in after a firewall change.</summary>
    public required int GuardSeconds { get; init; }

    /// <summary>
    /// Everything the whole stage will touch, as far as it can be known before anything runs; recorded
    /// with the first change, so these entries hold the state from before the stage.
    /// </summary>
    public Func<IEnumerable<JournalItem>>? Prelude { get; init; }

    /// <summary>Set once a firewall change armed the host-side restore timer.</summary>
    public string? GuardUnit { get; private set; }

    /// <summary>Records the items not yet recorded. Returns an error message, or null.</summary>
    public async Task<string?> RecordAsync(IEnumerable<JournalItem> items, CancellationToken ct)
    {
        var calls = new StringBuilder();
        if (!Started && Prelude is not null) items = [.. Prelude(), .. items];
        foreach (var item in items)
        {
            var (key, call) = item switch
            {
                JournalFile f => ("path:" + f.Path, "record_path " + ShellQuote.Quote(f.Path)),
                JournalNewPath n => ("new:" + n.Path, "record_new_path " + ShellQuote.Quote(n.Path)),
                JournalUnit u => ("unit:" + u.Unit, "record_unit " + ShellQuote.Quote(u.Unit)),
                // Zones live together in /etc/firewalld; one copy of it restores any of them.
                JournalFirewallZone => ("firewalld", "record_firewalld"),
                JournalPackages p => ("packages:" + p.Manager, "record_packages " + ShellQuote.Quote(p.Manager)),
                _ => (item.ToString()!, ""),
            };
            if (call.Length > 0 && _recorded.Add(key)) calls.Append(call).Append('\n');
        }
        if (calls.Length == 0 && Started) return null;
        // The restore script sits in the journal so the host can run it alone (guard timer, recovery).
        if (!Started)
            calls.Append("cat > \"$J/restore.sh\" <<'PROVISION_RESTORE'\n").Append("J=$(dirname \"$0\")\n").Append(JournalScripts.Restore).Append("\nPROVISION_RESTORE\n");
        string? guard = null;
        if (GuardUnit is null && items.OfType<JournalFirewallZone>().Any())
        {
            // A firewall change could cut the controller off: unless it logs in again over a new
            // connection and disarms this timer, the host rolls the stage back by itself.
            guard = $"provision-guard-{runId}-{stageNumber:00}";
            calls.Append($"systemd-run --quiet --unit={guard} --on-active={GuardSeconds} --timer-property=AccuracySec=1s /bin/sh \"$J/restore.sh\"\n");
        }
        var script = $"J={ShellQuote.Quote(Directory)}\n{JournalScripts.RecordFunctions}\n{calls}true\n";
        var result = await host.RunAsync(Command.Script(script), ct).ConfigureAwait(false);
        if (!result.Ok) return $"could not record the stage journal in {Directory}: {result.Describe()}";
        Started = true;
        GuardUnit ??= guard;
        return null;
    }

    public Task<CommandResult> CommitAsync(CancellationToken ct) =>
        host.RunAsync(Command.Script($"{Disarm()}echo committed > {ShellQuote.Quote(Directory + "/state")}; {JournalScripts.Prune}"), ct);

    public Task<CommandResult> RollbackAsync(CancellationToken ct) => RollbackAsync(host, Directory, ct, Disarm());

    public Task<CommandResult> DisarmAsync(CancellationToken ct) => host.RunAsync(Command.Script(Disarm() + "true"), ct);

    /// <summary>The journal's state file: open, committed or rolled-back.</summary>
    public async Task<string> StateAsync(CancellationToken ct) =>
        (await host.RunAsync(Command.Read("cat", Directory + "/state"), ct).ConfigureAwait(false)).Stdout.Trim();

    private string Disarm() => GuardUnit is null ? "" : $"systemctl stop {GuardUnit}.timer 2>/dev/null; ";

    /// <param name="disarm">Stops the stage's guard timer first, in the same round trip.</param>
    public static Task<CommandResult> RollbackAsync(HostContext host, string directory, CancellationToken ct, string disarm = "") =>
        host.RunAsync(Command.Script($"{disarm}J={ShellQuote.Quote(directory)}\n{JournalScripts.Restore}") with { Timeout = TimeSpan.FromMinutes(20) }, ct);

    public static string NewRunId() => $"{DateTime.UtcNow:yyyyMMdd'T'HHmmss'Z'}-{Guid.NewGuid().ToString("N")[..6]}";

    private static string Safe(string name) => new(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
}
