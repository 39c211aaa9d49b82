using System.Text;
using Provisioner.HostFacts;
using Provisioner.Journal;
using Provisioner.Modules.Files;
using Provisioner.Reads;
using Provisioner.Templating;
using Provisioner.Yaml;

namespace Provisioner.Modules;

/// <summary>template: a Liquid file rendered with the host's variables and facts, owned whole.</summary>
public sealed class TemplateModule : Module<ManagedFile, FileState>
{
    public override IReadOnlyList<Need> Requires(ManagedFile args) => Need.Accounts(args.Owner, args.Group);

    public override string Name => "template";

    public override TaskReach Reach => TaskReach.ItsJournalItems;

    public override ArgSpec Spec { get; } = new([
        new("src", ArgType.TemplateFile, Required: true),
        new("dest", ArgType.Path, Required: true),
        new("mode", ArgType.Mode),
        new("owner", ArgType.Account),
        new("group", ArgType.Account),
        ManagedFile.ValidateArg,
    ]);

    /// <summary>Looks in the playbook's directory first, then its templates/ folder.</summary>
    public static string? Locate(string baseDirectory, string src)
    {
        if (Path.IsPathRooted(src)) return File.Exists(src) ? src : null;
        foreach (var candidate in new[] { Path.Combine(baseDirectory, src), Path.Combine(baseDirectory, "templates", src) })
            if (File.Exists(candidate)) return candidate;
        return null;
    }

    protected override ManagedFile Bind(ArgReader r)
    {
        var src = r.Required("src", ArgType.TemplateFile);
        var dest = r.Required("dest", ArgType.Path);
        // validate renders the template file in a pass of its own, with positions inside it; here
        // it is only read, so a file that is too large or not UTF-8 is found before any run.
        if (r.Validating && Locate(r.BaseDirectory, src) is { } file) InputFile.ReadText(file, r.Diagnostics, r.Args.Get("src")?.Span);
        var content = r.Validating ? "" : Render(r, src) ?? "";
        var bytes = Encoding.UTF8.GetBytes(content);
        var secret = r.Vars?.Secrets.Contains(content) ?? false;
        return new ManagedFile(dest, bytes, r.Mode("mode"), r.Account("owner"), r.Account("group"), secret) with { Validate = r.Str("validate") };
    }

    private static string? Render(ArgReader r, string src)
    {
        var path = Locate(r.BaseDirectory, src);
        if (path is null)
            r.Diagnostics.Add(r.Args.Get("src")?.Span ?? r.Span, $"template '{src}' not found", $"put it in {r.BaseDirectory} or {Path.Combine(r.BaseDirectory, "templates")}");
        else if (r.Vars is null)
            r.Diagnostics.Add(r.Span, "template rendered without variables", "internal: the engine must pass the host's vars");
        else if (InputFile.ReadText(path, r.Diagnostics, r.Args.Get("src")?.Span) is { } text)
        {
            var result = TemplateEngine.Render(text, r.Vars);
            if (result.Ok) return result.Text!;
            r.Diagnostics.Add(new SourceSpan(path, 1, 1), $"template {src}: {result.Problem}", "fix the template or define the variable");
        }
        return null;
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
