using Provisioner.HostFacts;
using Provisioner.Journal;
using Provisioner.Modules.Services;
using Provisioner.Reads;
using Provisioner.Transport;

namespace Provisioner.Modules;

/// <param name="PackageManager">From facts: says how a unit a package is about to install will start out.</param>
public sealed record ServiceArgs(string Name, string? State, bool? Enabled, bool Triggered, string? PackageManager = null);

/// <param name="PresetEnables">For a unit not installed yet: whether the host's systemd presets would enable it.</param>
public sealed record ServiceState(bool Exists, string Active, string Enabled, bool? PresetEnables = null)
{
    public bool IsActive => Active is "active" or "reloading" or "activating";
    public bool IsEnabled => Enabled is "enabled" or "enabled-runtime" or "alias" or "static" or "indirect";
}

/// <summary>
/// service: a systemd unit started or stopped, enabled or disabled. <c>restarted</c> and
/// <c>reloaded</c> act only when the task runs as a notified handler; as plain tasks they ensure the
/// unit is running, so a re-apply changes nothing.
/// </summary>
public sealed class ServiceModule : Module<ServiceArgs, ServiceState>
{
    public override string Name => "service";

    public override ArgSpec Spec { get; } = new([
        new("name", ArgType.String, Required: true),
        new("state", ArgType.String, Choices: ["started", "stopped", "restarted", "reloaded"], Default: "started"),
        new("enabled", ArgType.Bool),
    ]);

    protected override ServiceArgs Bind(ArgReader r) =>
        new(r.Required("name"),
            r.Has("state") ? r.Choice("state") : null,
            r.Has("enabled") ? r.Bool("enabled") : null,
            r.Triggered,
            r.Facts?.PackageManager);

    private static readonly HostScript Read = HostScript.Load("service-read.sh");

    /// <summary>
    /// service-read.sh: a unit not installed yet also lists the preset files, for check mode's forecast.
    /// Sent ahead with other units' reads, all of them are made by one command (<see cref="ServiceReads"/>).
    /// </summary>
    public static Command ReadCommand(string unit) => Command.Script(Read.Inline(unit), readOnly: true);

    /// <summary>The unit's read as sent ahead: made with other units' by one command (<see cref="ServiceReads"/>).</summary>
    public static AheadRead ReadAhead(string unit) => new(ReadCommand(unit), ServiceReads.Part(unit));

    public override IReadOnlyList<AheadRead> ReadCommands(ServiceArgs args) => [ReadAhead(args.Name)];

    public override async Task<ServiceState> ReadAsync(ServiceArgs args, HostContext host, CancellationToken ct)
    {
        var result = await host.RunAsync(ReadCommand(args.Name), ct).ConfigureAwait(false);
        if (!result.Ok) throw new Files.RemoteReadException($"could not read unit {args.Name}: {result.Describe()}");
        return Parse(result.Stdout, args.Name);
    }

    public static ServiceState Parse(string stdout, string unit = "")
    {
        var sections = MarkedSections.Parse(stdout);
        bool? preset = sections.Has("presets") ? Presets.Enables(unit, Presets.ParseListing(sections.Text("presets"))) : null;
        var lines = sections.Lines("").Select(l => l.Trim()).ToList();
        string At(int i) => lines.Count > i ? lines[i] : "";
        return new ServiceState(At(0) is "loaded", At(1), At(2) is "" ? "disabled" : At(2), preset);
    }

    /// <summary>
    /// A unit not installed yet: the state a package install will leave it in, for check mode's plan
    /// when an install is planned before this task. No install starts a service (apt installs under a
    /// policy-rc.d that forbids it, dnf never does), so the unit will be stopped; Debian packages
    /// enable their units, Fedora applies its presets.
    /// </summary>
    public static ServiceState AsInstalled(ServiceArgs a, ServiceState s) => new(true, "inactive", a.PackageManager switch
    {
        "apt" => "enabled",
        "dnf" when s.PresetEnables is { } e => e ? "enabled" : "disabled",
        _ => "unknown",
    });

    public override Plan Plan(ServiceArgs a, ServiceState s)
    {
        if (!s.Exists)
            return Missing(Need.Unit(a.Name), $"unit {a.Name} is not installed; install its package in an earlier task", Plan(a, AsInstalled(a, s)));
        var steps = new List<Step>();
        var changes = new List<Change>();
        void Do(string verb, string before, string after)
        {
            steps.Add(new CommandStep(Command.Of("systemctl", verb, "--", a.Name), $"systemctl {verb} {a.Name}"));
            changes.Add(new Change($"{a.Name} {(verb is "enable" or "disable" ? "enabled" : "active")}", ChangeKind.State, before, after));
        }
        switch (a.State)
        {
            case "stopped" when s.IsActive: Do("stop", s.Active, "inactive"); break;
            case "restarted" when a.Triggered: Do("restart", s.Active, "active (restarted)"); break;
            case "reloaded" when a.Triggered && s.IsActive: Do("reload", s.Active, "active (reloaded)"); break;
            case "started" or "restarted" or "reloaded" when !s.IsActive: Do("start", s.Active, "active"); break;
        }
        if (a.Enabled == true && !s.IsEnabled) Do("enable", s.Enabled, "enabled");
        if (a.Enabled == false && s.IsEnabled) Do("disable", s.Enabled, "disabled");
        return new Plan(steps, changes) { Provides = steps.Count > 0 && a.State is not "stopped" ? [Provided.Unit(a.Name)] : [] };
    }

    public override IReadOnlyList<JournalItem> Journal(ServiceArgs args, ServiceState? state) => [new JournalUnit(args.Name)];

    /// <summary>The journal restores the whole of what it touches.</summary>
    public override string? Irreversible(ServiceArgs args, ServiceState? state) => null;
}
