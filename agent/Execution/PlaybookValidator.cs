using Provisioner.Inventories;
using Provisioner.Modules;
using Provisioner.Playbooks;
using Provisioner.Probes;
using Provisioner.Templating;
using Provisioner.Variables;
using Provisioner.Yaml;

namespace Provisioner.Execution;

/// <summary>
/// <c>provision validate</c>: parses the playbook and inventory, then renders every task argument,
/// condition, loop, probe argument and template file with each matched host's variables, and binds
/// the rendered arguments as a run would — without connecting anywhere. Facts are unknown here, so
/// any <c>facts.*</c> reference counts as defined.
/// </summary>
public static class PlaybookValidator
{
    /// <param name="secrets">Collects the secret values met while rendering, so the caller can mask them in these errors.</param>
    /// <returns>The errors, as a <see cref="Yaml.Diagnostics"/> that also carries the warnings.</returns>
    public static (Playbook? Playbook, Inventory? Inventory, IReadOnlyList<Diagnostic> Diagnostics) Validate(
        string playbookPath,
        IReadOnlyList<string> inventoryPaths,
        IReadOnlyList<MapNode> extraVarsLayers,
        ModuleRegistry modules,
        ProbeRegistry probes,
        Vault.VaultKeys? vault = null,
        SecretSet? secrets = null)
    {
        var d = new Diagnostics();
        var playbook = PlaybookParser.Parse(playbookPath, modules, probes, d, vault);
        var inventory = inventoryPaths.Count == 0 ? null : InventoryLoader.LoadAll(inventoryPaths, d, vault);
        if (playbook is null || d.HasErrors) return (playbook, inventory, d);

        var hostsOf = inventory ?? Inventory.Implicit();
        var builder = new HostVarsBuilder(hostsOf, extraVarsLayers, secrets ?? new SecretSet());
        var check = new HostRenderCheck(modules, playbook.BaseDirectory);
        var bind = new ArgBindCheck(modules, probes, playbook.BaseDirectory);
        foreach (var play in playbook.Plays)
        {
            var playVars = PlayVarsLoader.Open(play, playbook.BaseDirectory, vault);
            var playDefaults = PlayVarsLoader.OpenDefaults(play, playbook.BaseDirectory, vault);
            var hosts = inventory is null
                ? hostsOf.Hosts
                : InventoryPattern.Match(inventory, play.Hosts, d, play.Source?.Get("hosts")?.Span ?? play.Span);
            var perHost = new List<(string Host, Diagnostics Found)>();
            foreach (var host in hosts)
            {
                var found = new Diagnostics();
                var defaultLayers = playDefaults.For(layers => builder.Build(host, [], new Diagnostics(), layers), found);
                var playLayers = playVars.For(layers => builder.Build(host, layers, new Diagnostics(), defaultLayers), found);
                var vars = builder.Build(host, playLayers, found, defaultLayers);
                check.Check(play, vars, found);
                bind.Check(play, vars, found);
                perHost.Add((host.Name, found));
                foreach (var w in found.Warnings) d.Warn(w.Span, w.Message, w.Fix);
            }
            Merge(perHost, d);
        }
        return (playbook, inventory, d);
    }

    /// <summary>
    /// The same problem found for several hosts (or loop items) is reported once; when only some hosts
    /// have it, they are named, since the fix is then in their vars.
    /// </summary>
    private static void Merge(List<(string Host, Diagnostics Found)> perHost, Diagnostics into)
    {
        var hostsOf = new Dictionary<string, (Diagnostic First, List<string> Hosts)>();
        var order = new List<string>();
        foreach (var (host, found) in perHost)
        {
            foreach (var diag in found.Items)
            {
                var key = diag.ToString();
                if (!hostsOf.TryGetValue(key, out var entry))
                {
                    hostsOf[key] = entry = (diag, []);
                    order.Add(key);
                }
                if (!entry.Hosts.Contains(host)) entry.Hosts.Add(host);
            }
        }
        // Sorted by position so the report reads top to bottom through each file.
        foreach (var key in order.OrderBy(k => hostsOf[k].First.Span.File, StringComparer.Ordinal)
                     .ThenBy(k => hostsOf[k].First.Span.Line).ThenBy(k => hostsOf[k].First.Span.Column))
        {
            var (diag, hosts) = hostsOf[key];
            var message = hosts.Count == perHost.Count ? diag.Message : $"{diag.Message} (for host {string.Join(", ", hosts)})";
            into.Add(diag.Span, message, diag.Fix);
        }
    }
}
