using System.CommandLine;
using Provisioner.Execution;
using Provisioner.Modules;
using Provisioner.Probes;
using Provisioner.Reporting;
using Provisioner.Templating;
using Provisioner.Yaml;

namespace Provisioner.Cli;

/// <summary>validate: every input error at once, each as file:line:column — exit 4; no connection.</summary>
public static class ValidateCommand
{
    public static int Execute(CliOptions o, ParseResult pr, int verbosity = 0)
    {
        var secrets = new SecretSet();
        var checks = new Diagnostics();
        var config = AnsibleConfigFile.Load(verbosity, checks);
        var request = checks.HasErrors ? null : RunInputs.Build(o, pr, new RunOptions { Limit = pr.GetValue(o.Limit), Stages = new StageSelection(pr.GetValue(o.Stage) ?? []) }, secrets, checks, config, connects: false);
        if (request is null || checks.HasErrors)
        {
            PrintDiagnostics(checks.Items, secrets);
            return ExitCodes.InvalidInput;
        }
        var prepared = RunPreparation.Prepare(request, ModuleRegistry.Default, ProbeRegistry.Default, secrets);
        PrintWarnings(prepared.Warnings, secrets);
        PrintNotes(prepared.Notes, verbosity, secrets);
        OptionChecks.Stages(request.Options.Stages, prepared.Playbook, checks);
        if (checks.HasErrors || !prepared.Valid)
        {
            PrintDiagnostics([.. checks.Items, .. prepared.Diagnostics], secrets);
            return ExitCodes.InvalidInput;
        }
        var stages = prepared.Playbook!.Plays.Sum(p => p.Stages.Count);
        var tasks = prepared.Playbook.Plays.Sum(p => p.Stages.Sum(s => s.Tasks.Count + s.Handlers.Count));
        Console.Error.WriteLine(Printable.Escape($"{request.PlaybookPath}: valid ({prepared.Playbook.Plays.Count} play(s), {stages} stage(s), {tasks} task(s); hosts: {string.Join(", ", prepared.Hosts.Select(h => h.Name))})"));
        foreach (var step in IrreversibleSteps.Of(prepared.Playbook, ModuleRegistry.Default))
            Console.Error.WriteLine(Printable.Shown(secrets, $"note: stage {step.Stage.Number} '{step.Stage.Name}' of play {step.Play.Number} holds a step a rollback may not undo: task '{step.Task.Name}' ({step.Task.Span}): {step.Why}"));
        return ExitCodes.NoChanges;
    }

    /// <summary>Warnings go first, valid or not: they stop nothing but must be seen.</summary>
    public static void PrintWarnings(IReadOnlyList<Diagnostic> warnings, SecretSet secrets)
    {
        foreach (var w in warnings) Console.Error.WriteLine($"warning: {Printable.Shown(secrets, w.ToString())}");
    }

    /// <summary>At -v: what was read differently from how it may look.</summary>
    public static void PrintNotes(IReadOnlyList<Diagnostic> notes, int verbosity, SecretSet secrets)
    {
        if (verbosity < 1) return;
        foreach (var n in notes) Console.Error.WriteLine(Printable.Shown(secrets, $"note: {n}"));
    }

    public static void PrintDiagnostics(IReadOnlyList<Diagnostic> diagnostics, SecretSet secrets)
    {
        foreach (var d in diagnostics) Console.Error.WriteLine(Printable.Shown(secrets, d.ToString()));
        Console.Error.WriteLine($"{diagnostics.Count} error(s); nothing was changed (exit 4).");
    }
}
