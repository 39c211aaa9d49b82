using Provisioner.Execution;
using Provisioner.Journal;
using Provisioner.Modules;
using Provisioner.Probes;
using Provisioner.Templating;
using Provisioner.Transport;

namespace Provisioner.Cli;

/// <summary>
/// rollback: undoes the newest journal of a stage on each host that is not undone yet — a stage
/// applied with --no-rollback, one that passed but is regretted, or one an interrupted run left
/// open and recovery would not undo because the host changed since (this forces it). Later stages'
/// journals are not touched: roll those back first, highest stage first.
/// </summary>
public static class RollbackCommand
{
    private static readonly HostScript NewestJournal = HostScript.Load("newest-journal.sh");

    public static async Task<int> ExecuteAsync(RunRequest request, int stage, CancellationToken ct)
    {
        var secrets = new SecretSet();
        var prepared = RunPreparation.Prepare(request, ModuleRegistry.Default, ProbeRegistry.Default, secrets);
        ValidateCommand.PrintWarnings(prepared.Warnings, secrets);
        if (!prepared.Valid)
        {
            ValidateCommand.PrintDiagnostics(prepared.Diagnostics, secrets);
            return ExitCodes.InvalidInput;
        }
        var connector = new SshHostConnector(null);
        var exit = ExitCodes.NoChanges;
        foreach (var host in prepared.Hosts)
        {
            var attempt = await connector.ConnectAsync(host, request.Options.AcceptNewHostKeys, ct).ConfigureAwait(false);
            if (attempt.Host is null)
            {
                Console.Error.WriteLine($"[{host.Name}] unreachable: {attempt.Error}");
                exit = ExitCodes.Worst(exit, ExitCodes.Unreachable);
                continue;
            }
            await using var remote = attempt.Host;
            var hostLock = await remote.LockAsync($"rollback of stage {stage} from {Environment.MachineName}", ct).ConfigureAwait(false);
            await using var handle = hostLock.Handle;
            if (!hostLock.Acquired) { Console.Error.WriteLine($"[{host.Name}] {hostLock.Message}"); exit = ExitCodes.Worst(exit, ExitCodes.Failed); continue; }
            var root = new HostContext(remote, FactsReader.Parse(""), true);
            var find = await root.RunAsync(Command.Script(NewestJournal.Inline(request.Options.JournalRoot, stage.ToString("00", System.Globalization.CultureInfo.InvariantCulture)), readOnly: true), ct).ConfigureAwait(false);
            var dir = find.Stdout.Trim();
            if (dir.Length == 0)
            {
                Console.Error.WriteLine($"[{host.Name}] no journal of stage {stage} to roll back");
                continue;
            }
            var result = await JournalScript.RestoreAsync(root, dir, RestoreMode.Force, ct).ConfigureAwait(false);
            Console.Error.WriteLine(secrets.Mask(result.Verdict switch
            {
                RestoreVerdict.Restored => $"[{host.Name}] stage {stage} rolled back from {dir}: {result.Listing}",
                RestoreVerdict.NotInState => $"[{host.Name}] stage {stage}: its journal {dir} is {result.Detail}; nothing undone",
                _ => $"[{host.Name}] rollback from {dir} incomplete ({result.Detail}): {result.Listing}",
            }));
            exit = ExitCodes.Worst(exit, result.Ok ? ExitCodes.Changed : ExitCodes.Failed);
        }
        return exit;
    }
}
