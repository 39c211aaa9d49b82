using Provisioner.Execution;
using Provisioner.Inventories;
using Provisioner.Journal;
using Provisioner.Modules;
using Provisioner.Probes;
using Provisioner.Templating;
using Provisioner.Transport;

namespace Provisioner.Cli;

/// <summary>
/// rollback: undoes the newest journal of a stage on each host (a stage applied with --no-rollback,
/// or one that passed but is regretted). Later stages' journals are not touched: roll those back
/// first, highest stage first.
/// </summary>
public static class RollbackCommand
{
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
            var find = await root.RunAsync(Command.Script(
                $"ls -1d {JournalScripts.Root}/*/{stage:00}-* 2>/dev/null | while read -r d; do [ \"$(cat \"$d/state\")\" != rolled-back ] && echo \"$d\"; done | sort | tail -n 1", readOnly: true), ct).ConfigureAwait(false);
            var dir = find.Stdout.Trim();
            if (dir.Length == 0)
            {
                Console.Error.WriteLine($"[{host.Name}] no journal of stage {stage} to roll back");
                continue;
            }
            var result = await StageJournal.RollbackAsync(root, dir, ct).ConfigureAwait(false);
            Console.Error.WriteLine(result.Ok
                ? $"[{host.Name}] stage {stage} rolled back from {dir}"
                : $"[{host.Name}] rollback from {dir} incomplete: {secrets.Mask(result.Describe())}");
            exit = ExitCodes.Worst(exit, result.Ok ? ExitCodes.Changed : ExitCodes.Failed);
        }
        return exit;
    }
}
