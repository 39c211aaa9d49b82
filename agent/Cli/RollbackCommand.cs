using System.CommandLine;
using ParseResult = System.CommandLine.ParseResult;
using Provisioner.Execution;
using Provisioner.HostFacts;
using Provisioner.Journal;
using Provisioner.Modules;
using Provisioner.Probes;
using Provisioner.Templating;
using LockClaim = Provisioner.Transport.LockClaim;
using Provisioner.Yaml;

namespace Provisioner.Cli;

/// <summary>
/// rollback: undoes one stage journal on each host — the newest of a stage when it is unfinished (an
/// interrupted run left it open and recovery would not undo it because the host changed since) or
/// incomplete (an earlier undo did not finish: this runs it again); any journal, a committed one
/// included, when the operator names it with --journal. A committed stage is never undone unnamed.
/// Later stages' journals are not touched: roll those back first, highest stage first.
/// </summary>
public static class RollbackCommand
{
    private sealed record Options(Option<int?> Stage, Option<string?> Play, Option<string?> Journal);

    /// <param name="stop">Ctrl-C and SIGTERM; null where nothing runs (the tests that read the tree).</param>
    public static Command Build(CliOptions o, StopSignal? stop, int verbosity = 0)
    {
        var options = new Options(
            new Option<int?>("--stage") { Description = "The stage whose newest unfinished or incomplete journal to undo", HelpName = "N", CustomParser = r => WholeNumber.Parse(r) },
            new Option<string?>("--play") { Description = "The play the stage is in (number or name), when several plays have a stage N", HelpName = "PLAY" },
            new Option<string?>("--journal") { Description = "The journal to undo, by the id rollback and recovery print (RUN/pPP-SS-name); a committed stage is undone only when named", HelpName = "ID" });
        var rollback = new Command("rollback", "Undo a stage from the journal kept on each host: the newest unfinished or incomplete one of --stage N, or the one named with --journal ID") { o.Playbook };
        rollback.Options.Add(options.Stage);
        rollback.Options.Add(options.Play);
        rollback.Options.Add(options.Journal);
        o.AddRollbackOptions(rollback);
        rollback.SetAction((pr, ct) =>
        {
            stop?.Arm(); // an undo half done is worse than one finished
            return ExecuteAsync(o, options, pr, verbosity, ct);
        });
        return rollback;
    }

    private static async Task<int> ExecuteAsync(CliOptions o, Options options, ParseResult pr, int verbosity, CancellationToken ct)
    {
        var (stage, playText, id) = (pr.GetValue(options.Stage), pr.GetValue(options.Play), pr.GetValue(options.Journal));
        if (stage is null == id is null)
        {
            Console.Error.WriteLine("provision rollback: give either --stage N (the stage's newest unfinished or incomplete journal) or --journal ID (one journal, as rollback and recovery print it)");
            return ExitCodes.InvalidInput;
        }
        var secrets = new SecretSet();
        var inputs = new Diagnostics();
        var config = AnsibleConfigFile.Load(verbosity, inputs);
        var request = inputs.HasErrors ? null : RunInputs.Build(o, pr, new RunOptions { Limit = pr.GetValue(o.Limit), AcceptNewHostKeys = RunInputs.AcceptNewHostKeys(o, pr, config) }, secrets, inputs, config);
        if (request is null || inputs.HasErrors)
        {
            ValidateCommand.PrintDiagnostics(inputs.Items, secrets);
            return ExitCodes.InvalidInput;
        }
        var prepared = RunPreparation.Prepare(request, ModuleRegistry.Default, ProbeRegistry.Default, secrets);
        ValidateCommand.PrintWarnings(prepared.Warnings, secrets);
        if (!prepared.Valid)
        {
            ValidateCommand.PrintDiagnostics(prepared.Diagnostics, secrets);
            return ExitCodes.InvalidInput;
        }
        var plays = prepared.Hosts.SelectMany(h => h.Plays).Select(p => p.Play).DistinctBy(p => p.Number).ToList();
        int? play = null;
        if (playText is not null)
        {
            play = plays.FirstOrDefault(p => p.Name == playText || p.Number.ToString(System.Globalization.CultureInfo.InvariantCulture) == playText)?.Number;
            if (play is null)
            {
                Console.Error.WriteLine(Reporting.Printable.Escape($"provision rollback: --play {playText}: no such play in {request.PlaybookPath}; the plays are: {string.Join(", ", plays.Select(p => $"{p.Number} '{p.Name}'"))}"));
                return ExitCodes.InvalidInput;
            }
        }
        var connector = new SshHostConnector(null);
        var exit = ExitCodes.NoChanges;
        foreach (var host in prepared.Hosts)
            exit = ExitCodes.Worst(exit, await RollBackHostAsync(connector, host, request, new Target(stage, play, id), secrets, ct).ConfigureAwait(false));
        return exit;
    }

    private sealed record Target(int? Stage, int? Play, string? Id);

    private static async Task<int> RollBackHostAsync(SshHostConnector connector, HostPlan host, RunRequest request, Target target, SecretSet secrets, CancellationToken ct)
    {
        void Say(string line) => Console.Error.WriteLine(Reporting.Printable.Shown(secrets, $"[{host.Name}] {line}"));
        var attempt = await connector.ConnectAsync(host, request.Options.AcceptNewHostKeys, ct).ConfigureAwait(false);
        if (attempt.Host is null)
        {
            Say($"unreachable: {attempt.Error}");
            return ExitCodes.Unreachable;
        }
        await using var remote = attempt.Host;
        var hostLock = await RunLock.TakeAsync(remote, LockClaim.ForThisProcess($"rollback from {Environment.MachineName} pid {Environment.ProcessId}"), Say, ct).ConfigureAwait(false);
        await using var handle = hostLock.Handle;
        if (!hostLock.Acquired) { Say(hostLock.Message); return ExitCodes.Failed; }
        var root = new HostContext(remote, FactsReader.Parse(""), true);
        var (journals, error) = await JournalScript.ListAsync(root, request.Options.JournalRoot, ct).ConfigureAwait(false);
        if (journals is null) { Say(error!); return ExitCodes.Failed; }
        switch (RollbackChoice.Choose(journals, target.Stage, target.Play, target.Id, request.PlaybookPath))
        {
            case RollbackChoice.Nothing n:
                Say(n.Why);
                return ExitCodes.NoChanges;
            case RollbackChoice.AskForId ask:
                Say($"nothing undone: {ask.Why}");
                return ExitCodes.Failed;
            case RollbackChoice.Undo undo:
                var journal = undo.Journal;
                var result = await JournalScript.RestoreAsync(root, journal.Directory, RestoreMode.Force, ct).ConfigureAwait(false);
                Say(result.Verdict switch
                {
                    RestoreVerdict.Restored => $"{journal.Describe()} rolled back: {result.Listing}",
                    RestoreVerdict.NotInState => $"{journal.Describe()}: its journal is {result.Detail}; nothing undone",
                    _ => $"{journal.Describe()}: the undo is INCOMPLETE — not put back: {string.Join("; ", result.NotUndone)}; put back: {result.Listing}. " +
                         $"Fix the cause and run this again (provision rollback {request.PlaybookPath} --journal {journal.Id}) to finish it",
                });
                return result.Ok ? ExitCodes.Changed : ExitCodes.Failed;
            default:
                throw new InvalidOperationException("unknown rollback choice");
        }
    }
}
