using Provisioner.Modules;
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
    public Facts Facts { get; private set; } = facts;
    public Vars Vars { get; private set; } = vars.With("facts", FactsReader.ToVars(facts));
    public bool Become { get; } = become;
    public string BaseDirectory { get; } = baseDirectory;
    public RunOptions Options { get; } = options;
    public IRunEvents Events { get; } = events;
    public ModuleRegistry Modules { get; } = modules;

    /// <summary>The journal of the stage being applied (null in check mode).</summary>
    public Journal.StageJournal? Journal { get; set; }

    /// <summary>Opens a second, fresh connection to prove the host still lets the controller in; returns the error or null.</summary>
    public required Func<CancellationToken, Task<string?>> CheckNewConnection { get; init; }

    /// <summary>
    /// Check mode: the latest step of the run that would change something (a package install first),
    /// which later steps' predictions may depend on — across stages, not only within one.
    /// </summary>
    public PendingChange? PendingChange { get; set; }

    /// <summary>Names this run's journals on the host.</summary>
    public required string RunId { get; init; }

    public void Register(string name, object? value) => Vars = Vars.With(name, value);

    public void ReplaceVars(Vars vars) => Vars = vars.With("facts", FactsReader.ToVars(Facts));

    public void UpdateFacts(Facts facts)
    {
        Facts = facts;
        Vars = Vars.With("facts", FactsReader.ToVars(facts));
    }

    public async Task RefreshFactsAsync(CancellationToken ct)
    {
        var result = await Remote.RunAsync(FactsReader.Script, ct).ConfigureAwait(false);
        // How the controller reaches the host is not the host's to say: keep it.
        if (result.Ok) UpdateFacts(FactsReader.Parse(result.Stdout) with { Access = Facts.Access });
    }
}

/// <summary>
/// Check mode: what the run has planned so far that later predictions may rest on — the latest
/// planned change, the planned package installs in order with the packages each brings, and the
/// planned steps that create users or groups.
/// </summary>
public sealed record PendingChange(string LatestChange, IReadOnlyList<PlannedStep> Installs, IReadOnlyList<PlannedStep> Accounts)
{
    /// <summary>The pending change after one more changed step (<paramref name="packages"/>: non-null for a package step).</summary>
    public static PendingChange After(PendingChange? previous, string label, IReadOnlyList<string>? packages, IReadOnlyList<string> createdAccounts) => new(label,
        packages is null ? previous?.Installs ?? [] : [.. previous?.Installs ?? [], new PlannedStep(label, packages)],
        createdAccounts.Count == 0 ? previous?.Accounts ?? [] : [.. previous?.Accounts ?? [], new PlannedStep(label, createdAccounts)]);

    public bool PackageInstall => Installs.Count > 0;

    /// <summary>The step a prediction assumes by default: the latest package step (a missing package is what most reads trip over), else the latest change.</summary>
    public string Label => PackageInstall ? Installs[^1].Label : LatestChange;

    /// <summary>
    /// The step a prediction about <paramref name="package"/> rests on: the first planned install of a
    /// package of that name or family (dovecot → dovecot-core, certbot-renew → certbot), else the latest planned change.
    /// </summary>
    public string LabelFor(string? package) =>
        package is null ? Label
        : Installs.FirstOrDefault(i => i.Names.Any(p => p == package
            || p.StartsWith(package + "-", StringComparison.Ordinal) || package.StartsWith(p + "-", StringComparison.Ordinal)))?.Label ?? Label;

    /// <summary>The first planned step that creates one of <paramref name="accounts"/> (a file's owner or group), or null.</summary>
    public string? LabelForAccounts(IReadOnlyList<string> accounts) =>
        Accounts.FirstOrDefault(a => a.Names.Any(accounts.Contains))?.Label;

    public override string ToString() => Label;
}

/// <summary>A planned step and what it brings: package names, or user and group names.</summary>
public sealed record PlannedStep(string Label, IReadOnlyList<string> Names);
