using Provisioner.HostFacts;
using Provisioner.Reads;
using Provisioner.Transport;

namespace Provisioner.Modules;

public sealed record CommandArgs(Command Command, string? Creates, Command? Unless, string? Chdir);

public sealed record CommandGuard(bool CreatesExists, bool UnlessSucceeded)
{
    public bool Satisfied => CreatesExists || UnlessSucceeded;
}

/// <summary>
/// command: runs a program (argv list) or a shell string. Guarded by <c>creates</c> (a path that
/// exists once the command has run) or <c>unless</c> (a command whose success means "already done");
/// it reports Changed only when it ran.
/// </summary>
public sealed class CommandModule : Module<CommandArgs, CommandGuard>
{
    public override string Name => "command";

    private static readonly HostScript Exists = HostScript.Load("exists.sh");

    /// <summary>What a program did is known only to the user: changed_when and failed_when judge it.</summary>
    public override bool UserJudgesOutcome => true;

    public override ArgSpec Spec { get; } = new([
        new("cmd", ArgType.String),
        new("argv", ArgType.List),
        new("creates", ArgType.Path),
        new("unless", ArgType.String),
        new("chdir", ArgType.Path),
    ]) { FreeForm = "cmd", ExactlyOneOf = [["cmd", "argv"]] };

    protected override CommandArgs Bind(ArgReader r)
    {
        var chdir = r.Path("chdir");
        Command command;
        if (r.Has("argv"))
        {
            var argv = r.List("argv");
            var secret = r.IsSecret("argv");
            command = Command.Of(argv.Select(a => new Arg(a, secret)).ToArray());
        }
        else command = Command.Script(r.Str("cmd") ?? "");
        if (chdir is not null) command = Command.Script($"cd {ShellQuote.Quote(chdir)} && {command.Render()}");
        // A user script: not retried and not trusted to leave cached reads valid.
        var unless = r.Str("unless") is { } u ? Command.Script(u) : null;
        return new CommandArgs(command, r.Path("creates"), unless, chdir);
    }

    /// <summary>What a command does is unknown; the one thing known is the path it creates.</summary>
    public override IReadOnlyList<Journal.JournalItem> Journal(CommandArgs args, CommandGuard? state) =>
        args.Creates is { } path ? [new Journal.JournalFile(path)] : [];

    /// <summary>Without creates, what the command changes is not known, so nothing of it can be undone (a task's touches: may name it).</summary>
    public override string? Irreversible(CommandArgs args, CommandGuard? state) => args.Creates is null ? NotKnown : null;

    public override string? IrreversibleHint(Yaml.MapNode literalArgs) => literalArgs.Get("creates") is null ? NotKnown : null;

    private const string NotKnown = "what a command changes is not known: name the paths it changes with the task's touches: (or creates:) so an undo restores them";

    /// <summary>A command with no guard always runs, so re-reading it would always plan it again.</summary>
    public override bool Converges(CommandArgs args) => args.Creates is not null || args.Unless is not null;

    /// <summary>The creates check only: an unless command is the user's, not known to be safe to run early.</summary>
    public override IReadOnlyList<AheadRead> ReadCommands(CommandArgs args) => args.Creates is null ? [] : [CreatesCheck(args.Creates)];

    private static Command CreatesCheck(string path) => Command.Script(Exists.Inline(path), readOnly: true);

    public override async Task<CommandGuard> ReadAsync(CommandArgs args, HostContext host, CancellationToken ct)
    {
        var creates = false;
        if (args.Creates is not null)
        {
            // test -e alone cannot tell "absent" from "could not look" (sudo refusing says exit 1 too).
            var test = await host.RunAsync(CreatesCheck(args.Creates), ct).ConfigureAwait(false);
            if (!test.Ok) throw new Files.RemoteReadException($"could not check creates {args.Creates}: {test.Describe()}");
            creates = test.Stdout.Trim() == "yes";
        }
        var unless = false;
        if (!creates && args.Unless is not null)
            unless = (await host.RunAsync(args.Unless, ct).ConfigureAwait(false)).Ok;
        return new CommandGuard(creates, unless);
    }

    public override Plan Plan(CommandArgs args, CommandGuard state) => state.Satisfied
        ? Modules.Plan.None
        : new Plan([new CommandStep(args.Command, $"run {args.Command.Display()}")],
            [new Change("command", ChangeKind.State, null, args.Command.Display())]);
}
