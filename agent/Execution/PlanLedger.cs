using Provisioner.Modules;

namespace Provisioner.Execution;

/// <summary>
/// Check mode's one record of what the run has planned so far: each step that would change something,
/// in order, with what it provides. A later task whose requirement is not on the host yet is predicted
/// against it ("would change (assumes step N)") — and only then: anything else that fails is an error.
/// </summary>
public sealed class PlanLedger
{
    private readonly List<PlannedStep> _steps = [];

    /// <summary>A planned step's label (<c>step 2.1 'dovecot installed' (package)</c>) and what it provides.</summary>
    public sealed record PlannedStep(string Label, IReadOnlyList<Provided> Provides);

    public void Add(string task, int stage, int index, IReadOnlyList<Provided> provides)
    {
        var installs = provides.Any(p => p.Kind == ResourceKind.Package);
        _steps.Add(new PlannedStep($"step {stage}.{index} '{task}'{(installs ? " (package)" : "")}", provides));
    }

    /// <summary>
    /// The planned step that provides <paramref name="need"/>, or null when none does. A unit comes
    /// from a package usually named after it (dovecot.service from dovecot-core); failing that, from
    /// a step that provides it by name, or from any planned install, the latest.
    /// </summary>
    public string? ProviderOf(Need need) => need.Kind switch
    {
        ResourceKind.Package => First(p => p.Kind == ResourceKind.Package && SameFamily(p.Name, need.Name)),
        ResourceKind.Unit => First(p => p.Kind == ResourceKind.Package && SameFamily(p.Name, need.Name.Split('.')[0]))
            ?? Last(p => p.Kind == ResourceKind.Unit && p.Name == need.Name)
            ?? Last(p => p.Kind == ResourceKind.Package),
        ResourceKind.Path => Last(p => p.Kind == ResourceKind.Path && (need.Name == p.Name || need.Name.StartsWith(p.Name + "/", StringComparison.Ordinal))),
        _ => First(p => p.Kind == need.Kind && p.Name == need.Name),
    };

    /// <summary>The first planned step that provides, by name, one of <paramref name="needs"/> (a change resting on it says so).</summary>
    public string? NamedProviderOf(IEnumerable<Need> needs) =>
        needs.Select(n => n.Kind == ResourceKind.Unit ? Last(p => p.Kind == ResourceKind.Unit && p.Name == n.Name) : ProviderOf(n)).FirstOrDefault(l => l is not null);

    /// <summary>dovecot is met by dovecot-core, certbot-renew by certbot.</summary>
    private static bool SameFamily(string package, string name) =>
        package == name || package.StartsWith(name + "-", StringComparison.Ordinal) || name.StartsWith(package + "-", StringComparison.Ordinal);

    private string? First(Func<Provided, bool> match) => _steps.FirstOrDefault(s => s.Provides.Any(match))?.Label;

    private string? Last(Func<Provided, bool> match) => _steps.LastOrDefault(s => s.Provides.Any(match))?.Label;
}
