using Provisioner.HostFacts;
using Provisioner.Journal;
using Provisioner.Modules.Packages;
using Provisioner.Reads;
using Provisioner.Transport;

namespace Provisioner.Modules;

/// <param name="StartServices">apt only: let the packages' maintainer scripts start their services (Debian's default).</param>
public sealed record PackageArgs(IReadOnlyList<string> Names, string State, string Manager, bool StartServices = false);

/// <summary>
/// Installed version per package (null: not installed) and the candidate a change would bring (every
/// package for state latest, the missing ones for present).
/// </summary>
public sealed record PackageState(IReadOnlyDictionary<string, string?> Installed, IReadOnlyDictionary<string, string?> Candidates);

/// <summary>
/// package (also <c>apt</c> and <c>dnf</c>): packages present, absent or at the latest version, with
/// apt on Debian and dnf on Fedora chosen from facts. One query reads every named package. An install
/// never starts a service that is not running (see <see cref="AptInstall"/>; dnf never does).
/// </summary>
public sealed class PackageModule(string name = "package", string? forcedManager = null) : Module<PackageArgs, PackageState>
{
    public override string Name => name;

    public override ArgSpec Spec { get; } = new([
        new("name", ArgType.List, Required: true),
        new("state", ArgType.String, Choices: ["present", "absent", "latest"], Default: "present"),
        new("manager", ArgType.String, Choices: ["auto", "apt", "dnf"], Default: "auto"),
        new("start_services", ArgType.Bool, Default: "false"),
    ]);

    protected override PackageArgs Bind(ArgReader r)
    {
        var names = r.List("name");
        if (names.Count == 0) r.Diagnostics.Add(r.Span, "package 'name' is empty", "name one or more packages");
        foreach (var n in names.Where(n => n.StartsWith('-') || n.Any(char.IsWhiteSpace)))
            r.Diagnostics.Add(r.Args.Get("name")!.Span, $"'{n}' is not a package name", "give plain package names, one per list item");
        var manager = forcedManager ?? r.Choice("manager");
        if (manager == "auto") manager = r.Facts?.PackageManager ?? "apt";
        return new PackageArgs(names, r.Choice("state"), manager, r.Bool("start_services"));
    }

    private static readonly HostScript Read = HostScript.Load("package-read.sh");

    /// <summary>
    /// package-read.sh: installed versions, and the candidate an install would bring (every package's for
    /// latest, a missing one's for present).
    /// </summary>
    public static Command ReadCommand(PackageArgs a) =>
        Command.Script(Read.Inline([a.Manager, a.State, .. a.Names]), readOnly: true);

    /// <summary>
    /// The read as sent ahead: with other package reads, the installed versions of all of them come from
    /// one command (<see cref="PackageReads"/>) — not for latest, whose candidates only the read alone
    /// asks for: joined, it would come back unanswered and run again on its own.
    /// </summary>
    public static AheadRead ReadAhead(PackageArgs a) =>
        new(ReadCommand(a), a.State == "latest" ? null : PackageReads.Part(a.Manager, a.State, a.Names));

    public static PackageState Parse(string stdout)
    {
        var installed = new Dictionary<string, string?>();
        var candidates = new Dictionary<string, string?>();
        foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(' ', 3);
            if (parts.Length < 3) continue;
            var version = parts[2] is "-" or "(none)" or "" ? null : parts[2];
            if (parts[0] == "i") installed[parts[1]] = version;
            else if (parts[0] == "c") candidates[parts[1]] = version;
        }
        return new PackageState(installed, candidates);
    }

    public override IReadOnlyList<AheadRead> ReadCommands(PackageArgs args) => [ReadAhead(args)];

    public override async Task<PackageState> ReadAsync(PackageArgs args, HostContext host, CancellationToken ct)
    {
        var result = await host.RunAsync(ReadCommand(args), ct).ConfigureAwait(false);
        if (!result.Ok) throw new Files.RemoteReadException($"could not query packages: {result.Describe()}");
        return Parse(result.Stdout);
    }

    public override Plan Plan(PackageArgs a, PackageState s)
    {
        string? Have(string n) => s.Installed.GetValueOrDefault(n);
        var todo = a.State switch
        {
            "absent" => a.Names.Where(n => Have(n) is not null).ToList(),
            "latest" => a.Names.Where(n => Have(n) is null || (s.Candidates.GetValueOrDefault(n) is { } c && c != Have(n))).ToList(),
            _ => a.Names.Where(n => Have(n) is null).ToList(),
        };
        if (todo.Count == 0) return Modules.Plan.None;
        var verb = a.State == "absent" ? "remove" : "install";
        var changes = todo.Select(n => new Change("package " + n, ChangeKind.State, Have(n),
            a.State == "absent" ? null : s.Candidates.GetValueOrDefault(n) ?? "installed")).ToList();
        // dnf install leaves an installed package at its version ("already installed"); only
        // dnf upgrade moves it to the candidate. apt-get install does both.
        var upgrade = a.Manager == "dnf" && a.State == "latest" ? todo.Where(n => Have(n) is not null).ToList() : [];
        var install = todo.Except(upgrade).ToList();
        var steps = new List<Step>();
        if (install.Count > 0) steps.Add(new CommandStep(InstallCommand(a.Manager, verb, install, a.StartServices), $"{a.Manager} {verb} {string.Join(' ', install)}"));
        if (upgrade.Count > 0) steps.Add(new CommandStep(InstallCommand(a.Manager, "upgrade", upgrade), $"dnf upgrade {string.Join(' ', upgrade)}"));
        // What the install brings, at the version apt or dnf named: check mode's version facts rest on it.
        var provides = a.State == "absent" ? [] : todo.Select(n => Provided.Package(n, s.Candidates.GetValueOrDefault(n))).ToList();
        return new Plan(steps, changes) { Provides = provides };
    }

    public static Command InstallCommand(string manager, string verb, IReadOnlyList<string> names, bool startServices = false)
    {
        var timeout = TimeSpan.FromMinutes(20);
        if (manager == "apt" && verb == "install" && !startServices) return AptInstall.Command(names, timeout);
        // No "--" for dnf: the dnf5 of Fedora 41-43 answers 'Unknown argument "--"'. Names cannot
        // start with '-' (refused at bind), so none can be taken for an option.
        if (manager == "dnf")
            return Transport.Command.Of(["dnf", "-y", "-q", verb, .. names.Select(n => new Arg(n))]) with { Timeout = timeout };
        return Transport.Command.Of(["env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "-y", "-q",
            "-o", "Dpkg::Options::=--force-confdef", "-o", "Dpkg::Options::=--force-confold", verb, "--", .. names.Select(n => new Arg(n))]) with { Timeout = timeout };
    }

    /// <summary>
    /// The package list, and the account files: maintainer scripts add the system users and groups a
    /// package runs as (postfix, dovecot), and a removal does not always take them away.
    /// </summary>
    public override IReadOnlyList<JournalItem> Journal(PackageArgs args, PackageState? state) =>
        [new JournalPackages(args.Names, args.Manager), .. AccountFiles.All];

    /// <summary>
    /// The package list with versions is journaled: the undo removes what the stage added, and takes
    /// the packages the task names back to the versions they had (downgraded, or installed again) —
    /// where the repository still offers them; where it does not, the undo says so and keeps them.
    /// </summary>
    public override string? Irreversible(PackageArgs args, PackageState? state) => null;

    public override string? IrreversibleHint(Yaml.MapNode literalArgs) =>
        literalArgs.Get("state") is Yaml.ScalarNode { Value: "latest" or "absent" } s
            ? $"state: {s.Value}: an undo takes the package back to its old version only while the repository still offers it"
            : null;
}
