using System.Text;
using Provisioner.HostFacts;
using Provisioner.Modules.Files;
using Provisioner.Reads;
using Provisioner.Journal;
using Provisioner.Yaml;

namespace Provisioner.Modules;

/// <summary>copy: a file with the given content (or a local src file's bytes), mode, owner, group.</summary>
public sealed class CopyModule : Module<ManagedFile, FileState>
{
    public override IReadOnlyList<Need> Requires(ManagedFile args) => Need.Accounts(args.Owner, args.Group);

    public override string Name => "copy";

    public override TaskReach Reach => TaskReach.ItsJournalItems;

    public override ArgSpec Spec { get; } = new([
        new("dest", ArgType.Path, Required: true),
        new("content", ArgType.String),
        new("src", ArgType.SourcePath),
        new("mode", ArgType.Mode),
        new("owner", ArgType.Account),
        new("group", ArgType.Account),
        ManagedFile.ValidateArg,
    ]) { ExactlyOneOf = [["content", "src"]] };

    protected override ManagedFile Bind(ArgReader r)
    {
        var dest = r.Required("dest", ArgType.Path);
        byte[] content;
        if (r.SourcePath("src") is { } src)
        {
            var path = Path.IsPathRooted(src) ? src : Path.Combine(r.BaseDirectory, src);
            if (!File.Exists(path))
            {
                r.Diagnostics.Add(r.Args.Get("src")!.Span, $"src file '{path}' not found", "give a path relative to the playbook's directory");
                content = [];
            }
            else content = InputFile.ReadBytes(path, r.Diagnostics, r.Args.Get("src")!.Span) ?? [];
        }
        else content = Encoding.UTF8.GetBytes(r.Str("content") ?? "");
        return new ManagedFile(dest, content, r.Mode("mode"), r.Account("owner"), r.Account("group"), r.IsSecret("content")) with { Validate = r.Str("validate") };
    }

    public override Task<FileState> ReadAsync(ManagedFile args, HostContext host, CancellationToken ct) =>
        FileReader.ReadAsync(host, args.Dest, withContent: true, ct);

    public override IReadOnlyList<AheadRead> ReadCommands(ManagedFile args) => [FileReader.Ahead(args.Dest, withContent: true)];

    public override Plan Plan(ManagedFile args, FileState state) => ManagedFilePlanner.Plan(args, state);

    public override IReadOnlyList<JournalItem> Journal(ManagedFile args, FileState? state) => [new JournalFile(args.Dest)];

    public override StageGate? Gate(ManagedFile args) => args.Gate;

    /// <summary>The journal restores the whole of what it touches.</summary>
    public override string? Irreversible(ManagedFile args, FileState? state) => null;
}
