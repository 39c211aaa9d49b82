using Provisioner.Yaml;

namespace Provisioner.Inventories;

/// <summary>
/// Ansible host patterns, for a play's <c>hosts:</c> and for <c>--limit</c>: terms separated by
/// <c>:</c> or <c>,</c>; a plain term adds hosts (union), <c>&amp;term</c> keeps only hosts also in
/// term, <c>!term</c> removes hosts. As in Ansible, unions apply first, then intersections, then
/// exclusions, whatever their order in the text. A term is <c>all</c>, <c>*</c>, a group, a host or a
/// glob (<c>*</c>, <c>?</c>) over group and host names. Hosts come back in inventory order.
/// </summary>
public static class InventoryPattern
{
    /// <summary>Matches without reporting unknown names (they simply match nothing).</summary>
    public static IReadOnlyList<InventoryHost> Match(Inventory inventory, string pattern) =>
        Match(inventory, pattern, new Diagnostics(), SourceSpan.None);

    public static IReadOnlyList<InventoryHost> Match(Inventory inventory, string pattern, Diagnostics diagnostics, SourceSpan? span = null)
    {
        span ??= SourceSpan.CommandLine($"host pattern '{pattern}'");
        var terms = pattern.Split([':', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (terms.Length == 0)
        {
            diagnostics.Add(span, "the host pattern is empty", "name a group or host from the inventory, or 'all'");
            return [];
        }
        var union = new HashSet<string>(StringComparer.Ordinal);
        var intersections = new List<HashSet<string>>();
        var exclusions = new HashSet<string>(StringComparer.Ordinal);
        foreach (var term in terms)
        {
            if (term.StartsWith('&')) intersections.Add(Hosts(inventory, term[1..], diagnostics, span));
            else if (term.StartsWith('!')) exclusions.UnionWith(Hosts(inventory, term[1..], diagnostics, span));
            else union.UnionWith(Hosts(inventory, term, diagnostics, span));
        }
        // A pattern of only &/! terms starts from every host, so "!web" means "all but web".
        if (terms.All(t => t.StartsWith('&') || t.StartsWith('!'))) union.UnionWith(inventory.Hosts.Select(h => h.Name));
        return inventory.Hosts
            .Where(h => union.Contains(h.Name) && intersections.All(i => i.Contains(h.Name)) && !exclusions.Contains(h.Name))
            .ToList();
    }

    private static HashSet<string> Hosts(Inventory inventory, string term, Diagnostics diagnostics, SourceSpan span)
    {
        if (term is "all" or "*") return inventory.Hosts.Select(h => h.Name).ToHashSet(StringComparer.Ordinal);
        if (Glob.IsGlob(term))
        {
            var fromGroups = inventory.Groups.Where(g => Glob.Matches(term, g.Name)).SelectMany(g => InGroup(inventory, g.Name));
            var fromHosts = inventory.Hosts.Where(h => Glob.Matches(term, h.Name)).Select(h => h.Name);
            return fromGroups.Concat(fromHosts).ToHashSet(StringComparer.Ordinal);
        }
        if (inventory.FindGroup(term) is not null) return InGroup(inventory, term).ToHashSet(StringComparer.Ordinal);
        if (inventory.FindHost(term) is not null) return [term];

        var names = inventory.Groups.Select(g => g.Name).Concat(inventory.Hosts.Select(h => h.Name)).Distinct();
        diagnostics.Add(span, $"'{term}' is neither a group nor a host of the inventory",
            (diagnostics.Count < Suggest.MaxErrorsSuggested ? Suggest.DidYouMean(term, names) : null) is { } s ? $"did you mean '{s}'?" : $"groups are: {string.Join(", ", inventory.Groups.Select(g => g.Name))}");
        return [];
    }

    private static IEnumerable<string> InGroup(Inventory inventory, string group) =>
        group == Inventory.AllGroup
            ? inventory.Hosts.Select(h => h.Name)
            : inventory.Hosts.Where(h => h.Groups.Contains(group)).Select(h => h.Name);
}
