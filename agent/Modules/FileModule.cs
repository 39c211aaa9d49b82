using Provisioner.HostFacts;
using Provisioner.Journal;
using Provisioner.Modules.Files;
using Provisioner.Reads;
using Provisioner.Transport;

namespace Provisioner.Modules;

public sealed record FileArgs(string Path, string State, string? Mode, string? Owner, string? Group, string? Src);

/// <summary>file: a directory, a symlink, an existing file's attributes, or a path that must be absent.</summary>
public sealed class FileModule : Module<FileArgs, FileState>
{
    public override IReadOnlyList<Need> Requires(FileArgs args) => Need.Accounts(args.Owner, args.Group);

    public override string Name => "file";

    public override TaskReach Reach => TaskReach.ItsJournalItems;

    public override ArgSpec Spec { get; } = new([
        new("path", ArgType.Path, Required: true),
        new("state", ArgType.String, Choices: ["file", "directory", "absent", "link"], Default: "file"),
        new("mode", ArgType.Mode),
        new("owner", ArgType.Account),
        new("group", ArgType.Account),
        new("src", ArgType.SourcePath, Help: "link target (state: link)"),
    ]);

    public override void Validate(Yaml.MapNode args, Yaml.Diagnostics d)
    {
        var state = (args.Get("state") as Yaml.ScalarNode)?.Value;
        if (state == "link" && args.Get("src") is null)
            d.Add(args.Span, "state: link needs 'src' (the link target)", "add src: /path/the/link/points/to");
    }

    protected override FileArgs Bind(ArgReader r) =>
        new(r.Required("path", ArgType.Path), r.Choice("state"), r.Mode("mode"), r.Account("owner"), r.Account("group"), r.SourcePath("src"));

    public override Task<FileState> ReadAsync(FileArgs args, HostContext host, CancellationToken ct) =>
        FileReader.ReadAsync(host, args.Path, withContent: false, ct);

    public override IReadOnlyList<AheadRead> ReadCommands(FileArgs args) => [FileReader.Ahead(args.Path, withContent: false)];

    public override Plan Plan(FileArgs a, FileState have) => a.State switch
    {
        "absent" when have.Exists => new Plan([new CommandStep(Command.Of("rm", "-rf", "--", a.Path), $"remove {a.Path}")],
            [new Change(a.Path, ChangeKind.State, have.Kind.ToString().ToLowerInvariant(), null)]),
        "absent" => Modules.Plan.None,
        "directory" when have.Kind == FileKind.Directory => ManagedFilePlanner.Attributes(a.Path, a.Mode, a.Owner, a.Group, have),
        "directory" when !have.Exists => CreateDirectory(a),
        "directory" => Fail($"{a.Path} exists as a {have.Kind.ToString().ToLowerInvariant()}; remove it first or choose another path"),
        "link" when have.Kind == FileKind.Link && have.LinkTarget == a.Src => ManagedFilePlanner.Attributes(a.Path, null, a.Owner, a.Group, have),
        "link" when have.Kind is FileKind.Absent or FileKind.Link or FileKind.File => CreateLink(a, have),
        "link" => Fail($"{a.Path} is a directory; a link cannot replace it"),
        _ when have.Kind == FileKind.File => ManagedFilePlanner.Attributes(a.Path, a.Mode, a.Owner, a.Group, have),
        _ => Fail($"{a.Path} does not exist (state: file only manages an existing file's attributes); create it with copy or template"),
    };

    private static Plan CreateDirectory(FileArgs a)
    {
        var steps = new List<Step> { new CommandStep(Command.Of("mkdir", "-p", "-m", a.Mode ?? "0755", "--", a.Path), $"create directory {a.Path}") };
        if (a.Owner is not null || a.Group is not null)
        {
            var spec = (a.Owner ?? "") + (a.Group is not null ? ":" + a.Group : "");
            steps.Add(new CommandStep(Command.Of("chown", spec, "--", a.Path), $"chown {spec} {a.Path}"));
        }
        return new Plan(steps, [new Change(a.Path, ChangeKind.State, null, "directory")]) { Provides = [Provided.Path(a.Path)] };
    }

    private static Plan CreateLink(FileArgs a, FileState have)
    {
        // ln creates the link as the login user; the link's own owner is set with chown -h.
        List<Step> steps = [new CommandStep(Command.Of("ln", "-sfn", "--", a.Src!, a.Path), $"link {a.Path} -> {a.Src}"),
            .. ManagedFilePlanner.Attributes(a.Path, null, a.Owner, a.Group, FileState.Absent).Steps];
        return new Plan(steps, [new Change($"{a.Path} link", ChangeKind.Value, have.LinkTarget ?? (have.Exists ? "(file)" : null), a.Src)]);
    }

    public override IReadOnlyList<JournalItem> Journal(FileArgs args, FileState? state) => [new JournalFile(args.Path)];

    /// <summary>The journal restores the whole of what it touches.</summary>
    public override string? Irreversible(FileArgs args, FileState? state) => null;
}
