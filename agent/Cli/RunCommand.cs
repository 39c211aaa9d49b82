using System.CommandLine;
using Provisioner.Execution;
using Provisioner.Modules;
using Provisioner.Probes;
using Provisioner.Reporting;
using Provisioner.Templating;
using Provisioner.Yaml;

namespace Provisioner.Cli;

/// <summary>apply and check: prepare (exit 4 on bad input, before any connection), run, report.</summary>
public sealed class RunCommand(CliOptions o, int verbosity, StopSignal? stop)
{
    public async Task<int> ExecuteAsync(ParseResult pr, bool forceCheck, CancellationToken ct, bool verifyOnly = false)
    {
        if (pr.GivenValue(o.Ansible.SyntaxCheck)) return ValidateCommand.Execute(o, pr, verbosity);
        var checks = new Diagnostics();
        var config = AnsibleConfigFile.Load(verbosity, checks);
        var configFailed = checks.HasErrors; // then nothing is asked for (-K, vault prompts) before exit 4
        // verify changes nothing, so it has no guard.
        var guard = verifyOnly ? OptionChecks.DefaultFirewallGuardSeconds : pr.GetValue(o.FirewallGuard);
        var options = new RunOptions
        {
            Check = forceCheck || pr.GetValue(o.Check),
            Diff = pr.GetValue(o.Diff),
            Limit = pr.GetValue(o.Limit),
            Stages = new StageSelection(Split(pr.GetValue(o.Stage))),
            Forks = RunInputs.Forks(o, pr, config),
            Tags = Split(pr.GetValue(o.Tags)),
            SkipTags = Split(pr.GetValue(o.SkipTags)),
            AcceptNewHostKeys = RunInputs.AcceptNewHostKeys(o, pr, config),
            NoRollback = pr.GetValue(o.NoRollback),
            SkipVerify = pr.GetValue(o.SkipVerify),
            VerifyAll = pr.GetValue(o.VerifyAll),
            FirewallGuardSeconds = guard,
            DiscardJournal = pr.GetValue(o.DiscardJournal),
            VerifyOnly = verifyOnly,
            Stop = stop?.Token ?? CancellationToken.None,
        };
        var playbook = pr.GetValue(o.Playbook)!;
        var secrets = new SecretSet();
        if (pr.GivenValue(o.Ansible.Step) && StepPrompt.ForTerminal(checks) is { } step) options = options with { Forks = 1, Step = step.Ask };
        var request = configFailed ? null : RunInputs.Build(o, pr, options, secrets, checks, config);
        if (request is null || checks.HasErrors)
        {
            ValidateCommand.PrintDiagnostics(checks.Items, secrets);
            return ExitCodes.InvalidInput;
        }
        OptionChecks.Forks(options.Forks, checks);
        OptionChecks.Timeout(pr.GivenValue(o.Ansible.Timeout), checks);
        OptionChecks.FirewallGuard(guard, checks);
        RunLogs.Check(pr.GetValue(o.KeepLogs), checks);
        ReportFile.Check("--report", pr.GetValue(o.Report), checks);
        ReportFile.Check("--junit", pr.GetValue(o.Junit), checks);
        var prepared = RunPreparation.Prepare(request, ModuleRegistry.Default, ProbeRegistry.Default, secrets);
        ValidateCommand.PrintWarnings(prepared.Warnings, secrets);
        ValidateCommand.PrintNotes(prepared.Notes, verbosity, secrets);
        OptionChecks.Stages(options.Stages, prepared.Playbook, checks);
        IReadOnlyList<RunInputFiles.Input> inputs = [.. RunInputFiles.Of(request, prepared, RunInputs.VaultSources(o, pr, config)),
            .. config.File is { } cfg ? [new RunInputFiles.Input(cfg, "the ansible.cfg")] : Array.Empty<RunInputFiles.Input>()];
        ReportFile.CheckNotInput("--report", pr.GetValue(o.Report), inputs, ("--junit", pr.GetValue(o.Junit)), checks);
        ReportFile.CheckNotInput("--junit", pr.GetValue(o.Junit), inputs, ("--report", pr.GetValue(o.Report)), checks);
        if (prepared.Playbook is not null && pr.GivenValue(o.Ansible.StartAtTask) is { } start)
            options = options with { Before = StartAtTask.Before(prepared.Playbook, start, checks) };
        if (checks.HasErrors || !prepared.Valid)
        {
            ValidateCommand.PrintDiagnostics([.. checks.Items, .. prepared.Diagnostics], secrets);
            return ExitCodes.InvalidInput;
        }
        if (pr.GetValue(o.ListHosts) || pr.GetValue(o.ListTasks) || pr.GivenValue(o.Ansible.ListTags))
        {
            if (pr.GetValue(o.ListHosts)) RunListing.Hosts(prepared, Console.Out, secrets);
            if (pr.GetValue(o.ListTasks)) RunListing.Tasks(prepared, options, Console.Out, secrets);
            if (pr.GivenValue(o.Ansible.ListTags)) TagListing.Write(prepared, options, Console.Out, secrets);
            return ExitCodes.NoChanges;
        }

        var (log, logFile) = Logging.Create(verbosity, secrets, verifyOnly ? "verify" : options.Check ? "check" : "apply", pr.GetValue(o.KeepLogs));
        await using var _ = log as IAsyncDisposable;
        var reporter = new ConsoleReporter(Console.Error, options.Check, options.Diff, verbosity, secrets, ConsoleStyle.ForStandardError(pr.GetValue(o.Color)!, verbosity),
            ConsoleReporter.StageCount(prepared.Playbook!));
        stop?.SayThrough(reporter.Notice);
        stop?.Arm();
        var timings = pr.GetValue(o.Timings) ? new TimingsReport() : null;
        var events = new CompositeEvents([reporter, new EventLog(log), .. timings is null ? Array.Empty<IRunEvents>() : [timings]]);
        var controller = new Controller(new SshHostConnector(log), ModuleRegistry.Default, new ProbeRunner(ProbeRegistry.Default));
        var result = await controller.RunAsync(prepared, options, events, ct).ConfigureAwait(false);
        reporter.Recap(result);
        if (timings is not null) Console.Error.Write(Printable.Escape(timings.Render(secrets)));
        if (logFile is not null && verbosity > 0) Console.Error.WriteLine($"log: {logFile}");

        var exit = result.ExitCode;
        if (pr.GetValue(o.Report) is { } report) exit = Write(report, JsonReport.Render(result, playbook, secrets, timings), exit);
        if (pr.GetValue(o.Junit) is { } junit) exit = Write(junit, JunitReport.Render(result, secrets), exit);
        return exit;
    }

    private static IReadOnlyList<string> Split(string[]? values) =>
        (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();

    /// <summary>A report that could not be written is told; the exit code stays the run's, which happened all the same.</summary>
    private static int Write(string target, string content, int exit)
    {
        if (ReportFile.Write(target, content, Console.Out) is { } problem) Console.Error.WriteLine($"provision: {problem}");
        return exit;
    }
}
