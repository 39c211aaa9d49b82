using Provisioner.HostFacts;
using Provisioner.Journal;
using Provisioner.Modules.Users;
using Provisioner.Transport;
using static Provisioner.Modules.Users.AccountName;

namespace Provisioner.Modules;

public sealed record GroupArgs(string Name, int? Gid, bool System, bool Present);

public sealed record GroupState(bool Exists, int? Gid);

/// <summary>group: a local group present (with a given gid) or absent, through groupadd/groupmod/groupdel.</summary>
public sealed class GroupModule : Module<GroupArgs, GroupState>
{
    public override string Name => "group";
    public override TaskReach Reach => TaskReach.ItsJournalItems;

    public override ArgSpec Spec { get; } = new([
        new("name", ArgType.String, Required: true),
        new("gid", ArgType.Int),
        new("system", ArgType.Bool, Help: "allocate the gid from the system range (on creation)", Default: "false"),
        new("state", ArgType.String, Choices: ["present", "absent"], Default: "present"),
    ]);

    protected override GroupArgs Bind(ArgReader r) =>
        new(AccountName.Read(r, "name"), AccountName.Id(r, "gid"), r.Bool("system"), r.Choice("state") == "present");

    public static Command ReadCommand(string name) => Command.Read("getent", "group", name);

    /// <summary>getent's exit status for "no such key"; any other failure (sudo refusing, say) is not an answer.</summary>
    private const int NotFound = 2;

    public override async Task<GroupState> ReadAsync(GroupArgs args, HostContext host, CancellationToken ct)
    {
        var result = await host.RunAsync(ReadCommand(args.Name), ct).ConfigureAwait(false);
        if (result.ExitStatus == NotFound && string.IsNullOrWhiteSpace(result.Stderr)) return new GroupState(false, null);
        if (!result.Ok) throw new Files.RemoteReadException($"could not read group {args.Name}: {result.Describe()}");
        return Parse(result.Stdout);
    }

    /// <summary>Parses a <c>getent group</c> line (name:x:gid:members); empty output means absent.</summary>
    public static GroupState Parse(string stdout) =>
        stdout.Trim().Split(':') is [_, _, var gid, ..] && int.TryParse(gid, out var g) ? new GroupState(true, g) : new GroupState(false, null);

    public override Plan Plan(GroupArgs a, GroupState s)
    {
        if (!a.Present)
            return s.Exists ? Step(Command.Of("groupdel", "--", a.Name), new Change($"group {a.Name}", ChangeKind.State, "present", null)) : Modules.Plan.None;
        if (!s.Exists)
        {
            var argv = new List<Arg> { "groupadd" };
            if (a.System) argv.Add("-r");
            if (a.Gid is { } gid) argv.AddRange(["-g", Num(gid)]);
            argv.AddRange(["--", a.Name]);
            return Step(Command.Of([.. argv]), new Change($"group {a.Name}", ChangeKind.State, null, "present")) with { Provides = [Provided.Account(a.Name)] };
        }
        return a.Gid is { } want && want != s.Gid
            ? Step(Command.Of("groupmod", "-g", Num(want), "--", a.Name), new Change($"group {a.Name} gid", ChangeKind.Value, s.Gid is { } g ? Num(g) : null, Num(want)))
            : Modules.Plan.None;
    }

    public override IReadOnlyList<JournalItem> Journal(GroupArgs args, GroupState? state) =>
        AccountFiles.All;

    /// <summary>The account files, restored whole, are all a group is.</summary>
    public override string? Irreversible(GroupArgs args, GroupState? state) => null;
}
