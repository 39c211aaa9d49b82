using Provisioner.HostFacts;
using Provisioner.Modules;
using Provisioner.Reads;
using Provisioner.Templating;
using Provisioner.Transport;

namespace Provisioner.Execution;

/// <summary>
/// One host's run: its connection, current facts and variables (which grow as tasks register
/// results). Used by one host task only, so it needs no locking.
/// </summary>
public sealed class HostSession(string name, IRemoteHost remote, Facts facts, Vars vars, bool become, string baseDirectory, RunOptions options, IRunEvents events, ModuleRegistry modules)
{
    public string Name { get; } = name;
    public IRemoteHost Remote { get; } = remote;

    /// <summary>The run's read cache when the connection goes through one (a run's always does: <see cref="HostRunner"/>), else null.</summary>
    public CachingRemoteHost? ReadCache => Remote as CachingRemoteHost;
    public Facts Facts { get; private set; } = facts;
    public Vars Vars { get; private set; } = vars.With("facts", FactsReader.ToVars(facts, modules.Versions));
    public bool Become { get; } = become;
    public string BaseDirectory { get; } = baseDirectory;
    public RunOptions Options { get; } = options;
    public IRunEvents Events { get; } = events;
    public ModuleRegistry Modules { get; } = modules;

    /// <summary>The journal of the stage being applied (null in check mode).</summary>
    public Journal.StageJournal? Journal { get; set; }

    /// <summary>Opens a second, fresh connection to prove the host still lets the controller in; returns the error or null.</summary>
    public required Func<CancellationToken, Task<string?>> CheckNewConnection { get; init; }

    /// <summary>Check mode: what the run has planned so far, across stages, that later predictions may rest on.</summary>
    public PlanLedger Ledger { get; } = new();

    /// <summary>Verify only: probes started ahead of their stage (see <see cref="ProbeRunner.Prestart"/>).</summary>
    public Dictionary<Playbooks.Stage, List<Task<ProbeResult>>> StartedProbes { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>Verify only: how many of this host's probes may run at once.</summary>
    public SemaphoreSlim? ProbeSlots { get; set; }

    /// <summary>Names this run's journals on the host.</summary>
    public required string RunId { get; init; }

    /// <summary>The play this session runs: with the stage, what names a stage journal.</summary>
    public required Playbooks.Play Play { get; init; }

    /// <summary>The playbook as the operator named it, for the commands messages tell them to run.</summary>
    public string PlaybookFile { get; init; } = "PLAYBOOK";

    /// <summary>The run lock's owner token on this host (kept in every journal the run writes).</summary>
    public string LockOwner { get; init; } = "";

    public void Register(string name, object? value) => Vars = Vars.With(name, value);

    public void UpdateFacts(Facts facts)
    {
        Facts = facts;
        Vars = Vars.With("facts", FactsReader.ToVars(facts, Modules.Versions));
    }

    /// <summary>Check mode: the version facts as planned installs will leave them.</summary>
    public void ForecastInstalls(IReadOnlyList<Provided> provides)
    {
        var packages = provides.Where(p => p.Kind == ResourceKind.Package).Select(p => (p.Name, p.Version)).ToList();
        if (packages.Count > 0) UpdateFacts(FactsReader.WithInstalls(Facts, Modules.Versions, packages));
    }

    public async Task RefreshFactsAsync(CancellationToken ct)
    {
        var result = await Remote.RunAsync(FactsReader.Command(Modules), ct).ConfigureAwait(false);
        // How the controller reaches the host is not the host's to say: keep it.
        if (result.Ok) UpdateFacts(FactsReader.Parse(result.Stdout) with { Access = Facts.Access });
    }
}
