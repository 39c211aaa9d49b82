using System.Text.RegularExpressions;
using Provisioner.HostFacts;
using Provisioner.Journal;
using Provisioner.Modules.Files;
using Provisioner.Modules.Postfix;
using Provisioner.Reads;
using Provisioner.Yaml;

namespace Provisioner.Modules;

/// <summary>Wanted main.cf values (<c>params</c>), main.cf names to remove, and one master.cf service.</summary>
public sealed record PostconfArgs(
    IReadOnlyList<KeyValuePair<string, string>> Params,
    IReadOnlyList<string> Absent,
    string? Service,
    string? Entry,
    IReadOnlyList<KeyValuePair<string, string>> Options,
    bool ExclusiveOptions,
    string State);

/// <summary>Explicitly set main.cf values (<c>postconf -n</c>), the service's entry words (null: absent) and its -o options.</summary>
public sealed record PostconfState(IReadOnlyDictionary<string, string> Main, string? MasterEntry, IReadOnlyDictionary<string, string> Options)
{
    /// <summary>Postfix is not installed: there is no postconf to read with.</summary>
    public static readonly PostconfState NotInstalled = new(new Dictionary<string, string>(), null, new Dictionary<string, string>()) { Installed = false };

    public bool Installed { get; init; } = true;
}

/// <summary>
/// postconf: Postfix main.cf parameters and master.cf services, changed only through the postconf
/// command (never as text) and only behind <c>postfix check</c>: a value Postfix refuses or warns
/// about is rolled back inside the same step, so the old main.cf stays intact.
/// </summary>
public sealed partial class PostconfModule : Module<PostconfArgs, PostconfState>
{
    public override string Name => "postconf";
    public override TaskReach Reach => TaskReach.ItsJournalItems;

    private static readonly Need Postfix = Need.Package("postfix");

    public override IReadOnlyList<Need> Requires(PostconfArgs args) => [Postfix];

    public override ArgSpec Spec { get; } = new([
        new("params", ArgType.Map, Help: "main.cf name: value (a list value is joined with \", \")"),
        new("absent", ArgType.List, Help: "main.cf names to remove (postconf -X) so the default applies"),
        new("service", ArgType.String, Help: "master.cf service/type, e.g. submission/inet"),
        new("entry", ArgType.String, Help: "the service's 8 columns, e.g. \"submission inet n - n - - smtpd\""),
        new("options", ArgType.Map, Help: "the service's -o name: value options"),
        new("exclusive_options", ArgType.Bool, Default: "false"),
        new("state", ArgType.String, Choices: ["present", "absent"], Default: "present"),
    ]);

    protected override PostconfArgs Bind(ArgReader r)
    {
        var pars = Pairs(r, "params", ", ", NameRe());
        var absent = r.List("absent");
        foreach (var n in absent.Where(n => !NameRe().IsMatch(n)))
            r.Diagnostics.Add(r.Args.Get("absent")!.Span, $"'{n}' is not a main.cf parameter name", "use names like smtpd_tls_cert_file");
        var service = r.Str("service");
        if (service is not null && !ServiceRe().IsMatch(service))
            r.Diagnostics.Add(r.Args.Get("service")!.Span, $"'{service}' is not a master.cf service/type", "write service: submission/inet (type: inet, unix, unix-dgram, fifo or pass)");
        var entry = r.Str("entry");
        if (entry is not null && service is not null && !EntryMatches(entry, service))
            r.Diagnostics.Add(r.Args.Get("entry")!.Span, $"entry must have 8 columns starting with the service and type of '{service}'", "write entry: \"submission inet n - n - - smtpd\"");
        var options = Pairs(r, "options", ",", OptionRe());
        // postconf -P refuses whitespace in a value ("-Pe does not accept whitespace", Postfix 3.10).
        foreach (var o in options.Where(o => o.Value.Any(char.IsWhiteSpace)))
            r.Diagnostics.Add(r.Args.Get("options")!.Span, $"option {o.Key} contains whitespace, which postconf -P refuses",
                "write it without spaces (a,b), or set a main.cf parameter in params and use $name here");
        var state = r.Choice("state");
        if (service is null && (entry is not null || options.Count > 0 || r.Has("exclusive_options") || state == "absent"))
            r.Diagnostics.Add(r.Span, "entry, options, exclusive_options and state need a service", "add service: submission/inet");
        if (service is null && !r.Has("params") && !r.Has("absent"))
            r.Diagnostics.Add(r.Span, "postconf needs params, absent or service", "add params: { name: value }");
        return new PostconfArgs(pars, absent, service, entry, options, r.Bool("exclusive_options"), state);
    }

    private static bool EntryMatches(string entry, string service)
    {
        var words = entry.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return words.Length >= 8 && $"{words[0]}/{words[1]}" == service;
    }

    /// <summary>A mapping of names to scalar or list values; main.cf is world-readable, so secrets are refused.</summary>
    private static IReadOnlyList<KeyValuePair<string, string>> Pairs(ArgReader r, string arg, string joiner, Regex nameRe)
    {
        var result = new List<KeyValuePair<string, string>>();
        if (r.Map(arg) is not { } map) return result;
        foreach (var (key, node) in map.Entries)
        {
            if (!nameRe.IsMatch(key.Value))
                r.Diagnostics.Add(key.Span, $"'{key.Value}' is not a valid {arg} name", "use letters, digits and _");
            if (node.ContainsSecret)
                r.Diagnostics.Add(node.Span, $"{arg}.{key.Value} is secret, but main.cf and master.cf are world-readable", "keep the secret in a root-only map file and reference it");
            string? value = node switch
            {
                ScalarNode s => s.IsNull ? "" : s.Value,
                ListNode l when l.Items.All(i => i is ScalarNode) => string.Join(joiner, l.Items.Cast<ScalarNode>().Select(i => i.Value)),
                _ => null,
            };
            if (value is null || value.Contains('\n') || value.Contains('\r'))
                r.Diagnostics.Add(node.Span, $"{arg}.{key.Value} must be one line of text or a list of words", "write name: value or name: [a, b]");
            else result.Add(new(key.Value, value));
        }
        return result;
    }

    public override IReadOnlyList<AheadRead> ReadCommands(PostconfArgs args) => [PostconfScript.Read(args.Service)];

    public override async Task<PostconfState> ReadAsync(PostconfArgs args, HostContext host, CancellationToken ct)
    {
        var result = await host.RunAsync(PostconfScript.Read(args.Service), ct).ConfigureAwait(false);
        if (result.ExitStatus == PostconfScript.NotInstalled && result.Stderr.Contains(PostconfScript.NotInstalledMessage, StringComparison.Ordinal))
            return PostconfState.NotInstalled;
        if (!result.Ok) throw new RemoteReadException($"could not read the Postfix configuration: {result.Describe()}");
        return ParseState(result.Stdout, args.Service);
    }

    public static PostconfState ParseState(string stdout, string? service)
    {
        var sections = MarkedSections.Parse(stdout);
        string Section(string name) => sections.Text(name);
        return new PostconfState(
            PostconfOutput.ParseMain(Section("main")),
            service is null ? null : PostconfOutput.ParseMasterEntry(Section("master")),
            service is null ? new Dictionary<string, string>() : PostconfOutput.ParseOptions(Section("options"), service));
    }

    public override Plan Plan(PostconfArgs args, PostconfState state)
    {
        if (!state.Installed) return Missing(Postfix, "postconf not found: install postfix in an earlier task");
        var (commands, changes) = PostconfPlanner.Compute(args, state);
        if (commands.Count == 0) return Modules.Plan.None;
        var what = string.Join(", ", changes.Select(c => c.Subject));
        return new Plan([new CommandStep(PostconfScript.Apply(commands), $"postconf (checked by postfix check once the stage's tasks ran): {what}")], changes);
    }

    public override IReadOnlyList<JournalItem> Journal(PostconfArgs args, PostconfState? state) =>
        [new JournalFile(PostconfScript.Dir + "/main.cf"), new JournalFile(PostconfScript.Dir + "/master.cf")];

    /// <summary>postconf's changes are checked once per stage, after its tasks: a failure or a new warning rolls the stage back.</summary>
    public override StageGate? Gate(PostconfArgs args) => PostfixGate.Instance;

    /// <summary>postconf writes main.cf and master.cf and nothing else.</summary>
    public override string? Irreversible(PostconfArgs args, PostconfState? state) => null;

    [GeneratedRegex("^[A-Za-z0-9_]+$")]
    private static partial Regex NameRe();

    [GeneratedRegex("^[a-z0-9_]+$")]
    private static partial Regex OptionRe();

    [GeneratedRegex(@"^[A-Za-z0-9_.:\[\]-]+/(inet|unix|unix-dgram|fifo|pass)$")]
    private static partial Regex ServiceRe();
}
