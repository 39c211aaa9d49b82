using System.Text;
using System.Text.RegularExpressions;
using Provisioner.HostFacts;
using Provisioner.Journal;
using Provisioner.Modules.Files;
using Provisioner.Reads;
using Provisioner.Modules.Lines;

namespace Provisioner.Modules;

public sealed record LineInFileArgs(
    string Path, string? Line, Regex? Regexp, bool Present, LinePosition Where, bool Create,
    string? Mode, string? Owner, string? Group, bool Secret);

/// <summary>
/// lineinfile: one line present in (or lines absent from) a file the playbook does not otherwise
/// own. The new content is computed here and uploaded whole, so --diff shows exactly what changes.
/// With regexp, the last matching line is replaced; the regexp should also match the new line, or
/// each run would replace an earlier match again.
/// </summary>
public sealed class LineInFileModule : Module<LineInFileArgs, FileState>
{
    private static readonly TimeSpan RegexBudget = TimeSpan.FromSeconds(2);

    public override string Name => "lineinfile";

    public override TaskReach Reach => TaskReach.ItsJournalItems;

    public override ArgSpec Spec { get; } = new([
        new("path", ArgType.Path, Required: true),
        new("line", ArgType.String),
        new("regexp", ArgType.String, Help: ".NET regular expression, matched against each line"),
        new("state", ArgType.String, Choices: ["present", "absent"], Default: "present"),
        new("insertafter", ArgType.String, Help: "regex, or EOF (default) / BOF"),
        new("insertbefore", ArgType.String, Help: "regex, or BOF / EOF"),
        new("create", ArgType.Bool, Default: "false"),
        new("mode", ArgType.Mode),
        new("owner", ArgType.Account),
        new("group", ArgType.Account),
    ]) { MutuallyExclusive = [["insertafter", "insertbefore"]] };

    public override void Validate(Yaml.MapNode args, Yaml.Diagnostics d)
    {
        var absent = (args.Get("state") as Yaml.ScalarNode)?.Value == "absent";
        if (!absent && args.Get("line") is null)
            d.Add(args.Span, "lineinfile needs 'line' (the line that must be present)", "add line: TEXT, or state: absent with regexp");
        if (absent && args.Get("line") is null && args.Get("regexp") is null)
            d.Add(args.Span, "state: absent needs 'regexp' or 'line' (what to remove)", "add regexp: PATTERN");
    }

    protected override LineInFileArgs Bind(ArgReader r)
    {
        Regex? Pattern(string name)
        {
            if (r.Str(name) is not { } p) return null;
            try { return new Regex(p, RegexOptions.CultureInvariant, RegexBudget); }
            catch (ArgumentException e)
            {
                r.Diagnostics.Add(r.Args.Get(name)!.Span, $"'{name}' is not a valid regular expression: {e.Message}", "fix the pattern (.NET syntax)");
                return null;
            }
        }
        var where = r.Str("insertbefore") is { } before
            ? before switch { "BOF" => new LinePosition(false, null, true), "EOF" => LinePosition.End, _ => new LinePosition(false, Pattern("insertbefore"), false) }
            : r.Str("insertafter") switch { null or "EOF" => LinePosition.End, "BOF" => new LinePosition(true, null, true), _ => new LinePosition(true, Pattern("insertafter"), false) };
        var line = r.Str("line");
        if (line is not null && line.Contains('\n'))
            r.Diagnostics.Add(r.Args.Get("line")!.Span, "'line' must be a single line", "use copy or template for several lines");
        return new LineInFileArgs(r.Required("path", ArgType.Path), line, Pattern("regexp"), r.Choice("state") == "present",
            where, r.Bool("create"), r.Mode("mode"), r.Account("owner"), r.Account("group"), r.IsSecret("line"));
    }

    public override IReadOnlyList<Need> Requires(LineInFileArgs args) => Need.Accounts(args.Owner, args.Group);

    public override Task<FileState> ReadAsync(LineInFileArgs args, HostContext host, CancellationToken ct) =>
        FileReader.ReadAsync(host, args.Path, withContent: true, ct);

    public override IReadOnlyList<AheadRead> ReadCommands(LineInFileArgs args) => [FileReader.Ahead(args.Path, withContent: true)];

    public override Plan Plan(LineInFileArgs a, FileState have)
    {
        if (!have.Exists)
        {
            if (!a.Present) return Modules.Plan.None;
            if (!a.Create) return Fail($"{a.Path} does not exist; add create: true to create it");
            return Upload(a, a.Line + "\n", have);
        }
        if (have.Kind != FileKind.File) return Fail($"{a.Path} is a {have.Kind.ToString().ToLowerInvariant()}, not a file");
        if (have.Content is null) return Fail($"{a.Path} is larger than {FileReader.MaxContent} bytes; lineinfile edits text files only");
        var text = Encoding.UTF8.GetString(have.Content);
        // Decoding must round-trip, or uploading the edited text would also rewrite unrelated bytes.
        if (!Encoding.UTF8.GetBytes(text).AsSpan().SequenceEqual(have.Content)) return Fail($"{a.Path} is not UTF-8 text");
        try
        {
            var edited = a.Present ? LineEditor.Ensure(text, a.Line!, a.Regexp, a.Where) : LineEditor.Remove(text, a.Line, a.Regexp);
            return edited == text ? ManagedFilePlanner.Attributes(a.Path, a.Mode, a.Owner, a.Group, have) : Upload(a, edited, have);
        }
        catch (RegexMatchTimeoutException)
        {
            return Fail($"a regular expression took longer than {RegexBudget.TotalSeconds:0}s on {a.Path}; simplify it");
        }
    }

    private static Plan Upload(LineInFileArgs a, string content, FileState have) =>
        ManagedFilePlanner.Plan(new ManagedFile(a.Path, Encoding.UTF8.GetBytes(content), a.Mode, a.Owner, a.Group, a.Secret), have);

    public override IReadOnlyList<JournalItem> Journal(LineInFileArgs args, FileState? state) => [new JournalFile(args.Path)];

    /// <summary>The journal restores the whole of what it touches.</summary>
    public override string? Irreversible(LineInFileArgs args, FileState? state) => null;
}
