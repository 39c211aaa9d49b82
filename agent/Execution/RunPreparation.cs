using Provisioner.Inventories;
using Provisioner.Modules;
using Provisioner.Playbooks;
using Provisioner.Probes;
using Provisioner.Templating;
using Provisioner.Variables;
using Provisioner.Yaml;

namespace Provisioner.Execution;

/// <summary>A run ready to start: the playbook and one plan per host, or the input errors that stop it.</summary>
public sealed record PreparedRun(Playbook? Playbook, IReadOnlyList<HostPlan> Hosts, IReadOnlyList<Diagnostic> Diagnostics, SecretSet Secrets)
{
    public bool Valid => Diagnostics.Count == 0 && Playbook is not null;

    /// <summary>Told before the run, valid or not; they stop nothing.</summary>
    public IReadOnlyList<Diagnostic> Warnings { get; init; } = [];

    /// <summary>Told at -v: input read differently from how it may look (a group_vars file for no group).</summary>
    public IReadOnlyList<Diagnostic> Notes { get; init; } = [];
}

/// <summary>
/// Everything that happens before a connection: parse and validate the playbook, inventory and
/// variables, select stages and hosts, and compute each host's variables. Any problem here is
/// invalid input (exit 4) and nothing is touched.
/// </summary>
public static class RunPreparation
{
    public static PreparedRun Prepare(RunRequest request, ModuleRegistry modules, ProbeRegistry probes, SecretSet secrets)
    {
        var d = new Diagnostics();
        var layers = ExtraVars.Layers(request.VarsFiles, request.ExtraVars, d, request.Vault);
        if (d.HasErrors) return new PreparedRun(null, [], d.Items, secrets) { Warnings = d.Warnings, Notes = d.Notes };

        var (playbook, inventory, found) = PlaybookValidator.Validate(request.PlaybookPath, request.InventoryPaths, layers, modules, probes, request.Vault, secrets);
        d.AddRange(found);
        if (playbook is null || d.HasErrors) return new PreparedRun(playbook, [], d.Items, secrets) { Warnings = d.Warnings, Notes = d.Notes };

        var stages = playbook.Plays.SelectMany(p => p.Stages).Select(s => (s.Number, s.Name)).ToList();
        foreach (var unknown in request.Options.Stages.Unknown(stages))
            d.Add(SourceSpan.CommandLine("--stage"), $"no stage '{unknown}' in {request.PlaybookPath}",
                Suggest.DidYouMean(unknown, stages.Select(s => s.Name)) is { } s ? $"did you mean '{s}'?" : $"stages are: {string.Join(", ", stages.Select(s => $"{s.Number} {s.Name}"))}");

        var hostsOf = inventory ?? Inventories.Inventory.Implicit();
        IReadOnlyList<InventoryHost>? limit = request.Options.Limit is { } pattern
            ? InventoryPattern.Match(hostsOf, LimitFiles.Expand(pattern, d), d, SourceSpan.CommandLine("--limit"))
            : null;
        var builder = new HostVarsBuilder(hostsOf, layers, secrets);
        var plans = new Dictionary<string, (Transport.HostConnection Connection, List<HostPlay> Plays)>();
        foreach (var play in playbook.Plays)
        {
            var playVars = PlayVarsLoader.Open(play, playbook.BaseDirectory, request.Vault);
            var playDefaults = PlayVarsLoader.OpenDefaults(play, playbook.BaseDirectory, request.Vault);
            var hosts = inventory is null ? hostsOf.Hosts : InventoryPattern.Match(inventory, play.Hosts, d, play.Span);
            foreach (var host in hosts.Where(h => limit is null || limit.Any(l => l.Name == h.Name)))
            {
                var defaultLayers = playDefaults.For(layers => builder.Build(host, [], new Diagnostics(), layers), d);
                var playLayers = playVars.For(layers => builder.Build(host, layers, new Diagnostics(), defaultLayers), d);
                var (vars, connection) = builder.BuildHost(host, playLayers, d, defaultLayers);
                if (!plans.TryGetValue(host.Name, out var entry)) plans[host.Name] = entry = (request.Connection.Apply(connection).WithAskedBecomePassword(request.BecomePassword), []);
                entry.Plays.Add(new HostPlay(play, vars));
            }
        }
        if (plans.Count == 0 && !d.HasErrors)
            d.Add(SourceSpan.CommandLine(request.InventoryPaths.FirstOrDefault() ?? "inventory"), "no host matches the playbook's hosts and --limit", "check the hosts: patterns, --limit and the inventory (-i)");
        var hostPlans = plans.Select(p => new HostPlan(p.Key, p.Value.Connection, p.Value.Plays)).ToList();
        return new PreparedRun(playbook, hostPlans, d.Items, secrets) { Warnings = d.Warnings, Notes = d.Notes };
    }
}
