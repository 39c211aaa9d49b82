using System.CommandLine;
using Provisioner.Execution;

namespace Provisioner.Cli;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        // -v / -vv are counted here: System.CommandLine has no counted flag.
        var verbosity = args.Sum(a => a switch { "-v" or "--verbose" => 1, "-vv" => 2, "-vvv" => 3, _ => 0 });
        args = args.Where(a => a is not ("-v" or "--verbose" or "-vv" or "-vvv")).ToArray();
        PlainConsole.UseWhenColourIsOff(args);
        // After PlainConsole, which may replace the error stream: whichever it is, a full device drops lines, not the run.
        Console.SetError(new DroppingWriter(Console.Error));
        using var stop = new StopSignal(Console.Error);
        var root = BuildRoot(new CliOptions(), verbosity, stop);

        // Response files are off: "-e @vars.yml" is Ansible's vars file, and expanding it as a response
        // file broke the run and quoted the file (a secret one too) in the error.
        var parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parsed.Errors.Count > 0)
        {
            // ansible-playbook takes the playbook first, provision a command: the parser's three errors
            // about it ("Required command", "Unrecognized …") would not say so.
            if (PlaybookFirst(root, args))
                Console.Error.WriteLine(Reporting.Printable.Escape($"provision: '{args[0]}' is not a command — did you mean 'provision apply {string.Join(' ', args)}'? (or check, verify, validate)"));
            else
                foreach (var e in parsed.Errors) Console.Error.WriteLine(Reporting.Printable.Escape($"provision: {ParseErrors.Describe(e.Message)}"));
            Console.Error.WriteLine("Run 'provision --help' for usage.");
            return ExitCodes.InvalidInput;
        }
        try
        {
            // Signals are StopSignal's: System.CommandLine's own handling would end the process two
            // seconds after Ctrl-C, in the middle of a step, without a word.
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null }).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            // Only standard output gets here (files are read and written where their errors are told): a full device or a closed pipe.
            Console.Error.WriteLine($"provision: could not write to standard output: {ex.Message}");
            return ExitCodes.Failed;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A bug must still end in one readable line, not a stack trace; the log file has the details.
            Console.Error.WriteLine($"provision: internal error: {ex.GetType().Name}: {ex.Message}");
            Console.Error.WriteLine("This is a bug in provision; please report it with the command you ran.");
            return ExitCodes.Failed;
        }
    }

    /// <summary>The whole command tree: what is parsed, what --help shows and what the completion script offers.</summary>
    /// <param name="stop">Ctrl-C and SIGTERM; null where nothing runs (the tests that read the tree).</param>
    public static RootCommand BuildRoot(CliOptions o, int verbosity, StopSignal? stop)
    {
        var root = new RootCommand("provision: agentless, idempotent provisioning over SSH, in verified stages.\n" + ExitCodes.Help);

        var apply = new Command("apply", "Bring hosts to the playbook's state, stage by stage, verifying each stage") { o.Playbook };
        o.AddRunOptions(apply);
        apply.SetAction((pr, ct) => new RunCommand(o, verbosity, stop).ExecuteAsync(pr, forceCheck: false, ct));

        var check = new Command("check", "Same as apply --check: report drift, change nothing") { o.Playbook };
        o.AddRunOptions(check);
        check.SetAction((pr, ct) => new RunCommand(o, verbosity, stop).ExecuteAsync(pr, forceCheck: true, ct));

        var verify = new Command("verify", "Run the stages' verification probes only (a health check); changes nothing") { o.Playbook };
        o.AddVerifyOptions(verify);
        verify.SetAction((pr, ct) => new RunCommand(o, verbosity, stop).ExecuteAsync(pr, forceCheck: false, ct, verifyOnly: true));

        var rollback = RollbackCommand.Build(o, stop, verbosity);

        var validate = new Command("validate", "Parse the playbook, inventory and vars and render templates; no connection") { o.Playbook };
        o.AddValidateOptions(validate);
        validate.SetAction((pr, ct) => Task.FromResult(ValidateCommand.Execute(o, pr, verbosity)));

        var hostArg = new Argument<string>("host") { Description = "Host name or pattern from the inventory" };
        var facts = new Command("facts", "Print what the engine reads from a host (OS, versions, NICs)") { hostArg };
        o.AddFactsOptions(facts);
        facts.SetAction((pr, ct) => FactsCommand.ExecuteAsync(o, pr, pr.GetValue(hostArg)!, verbosity, ct));

        var country = new Option<string[]>("--country") { Description = "ISO country codes (repeatable or comma-separated)" };
        var rirFiles = new Argument<string[]>("files") { Description = "RIR delegated-stats files (delegated-*-latest)", HelpName = CompletionScript.Files };
        var cidrs = new Command("cidrs", "Build client_reject_cidrs for stage 8 from RIR delegated-stats files (offline)") { rirFiles };
        cidrs.Options.Add(country);
        cidrs.SetAction(pr => CidrsCommand.Execute(pr.GetValue(country) ?? [], pr.GetValue(rirFiles) ?? [], Console.Out, Console.Error));

        var shell = new Argument<string>("shell") { Description = "The shell to complete for" }.AcceptOnlyFromAmong(CompletionScript.Shells);
        var completion = new Command("completion", "Print a shell completion script (bash: source <(provision completion bash))") { shell };
        completion.SetAction(pr => Console.Out.Write(CompletionScript.Bash(root)));

        root.Options.Add(o.Verbose);
        root.Subcommands.Add(apply);
        root.Subcommands.Add(cidrs);
        root.Subcommands.Add(check);
        root.Subcommands.Add(completion);
        root.Subcommands.Add(validate);
        root.Subcommands.Add(verify);
        root.Subcommands.Add(rollback);
        root.Subcommands.Add(facts);
        root.Subcommands.Add(new InventoryCommand(o).Build(verbosity));
        root.Subcommands.Add(CompletionValues.Build(() =>
        {
            var fresh = new CliOptions();
            return (fresh, BuildRoot(fresh, 0, null));
        }));
        return root;
    }

    private static bool PlaybookFirst(RootCommand root, string[] args) =>
        args.Length > 0 && root.Subcommands.All(c => c.Name != args[0])
        && (args[0].EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || args[0].EndsWith(".yaml", StringComparison.OrdinalIgnoreCase));
}
