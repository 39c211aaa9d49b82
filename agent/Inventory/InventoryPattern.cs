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
        var terms = PatternTerms.Split(pattern);
        if (terms.Length == 0)
        {
            diagnostics.Add(span, "the host pattern is empty", "name a group or host from the inventory, or 'all'");
            return [];
        }
        var union = new HashSet<string>(StringComparer.Ordinal);
        var intersections = new List<HashSet<string>>();
        var exclusions = new HashSet<string>(StringComparer.Ordinal);
        var found = terms.Select(_ => new Diagnostics()).ToArray();
        var earlier = 0;
        for (var i = 0; i < terms.Length; i++)
        {
            var term = terms[i];
            if (term.StartsWith('&')) intersections.Add(Hosts(inventory, term[1..], found[i], span, earlier));
            else if (term.StartsWith('!')) exclusions.UnionWith(Hosts(inventory, term[1..], found[i], span, earlier));
            else union.UnionWith(Hosts(inventory, term, found[i], span, earlier));
            earlier += found[i].Count;
        }
        // A pattern of only &/! terms starts from every host, so "!web" means "all but web".
        if (terms.All(t => t.StartsWith('&') || t.StartsWith('!'))) union.UnionWith(inventory.Hosts.Select(h => h.Name));
        var hosts = inventory.Hosts
            .Where(h => union.Contains(h.Name) && intersections.All(i => i.Contains(h.Name)) && !exclusions.Contains(h.Name))
            .ToList();
        // As Ansible: a name that matches nothing is ignored, with a warning, when the rest selects hosts;
        // when nothing is selected it stays an error, since its "did you mean" is then the fix.
        for (var i = 0; i < terms.Length; i++)
            foreach (var f in found[i])
                if (hosts.Count > 0 && PatternTerms.IsPlainName(terms[i])) diagnostics.Warn(f.Span, $"{f.Message}: ignored, as Ansible does", f.Fix);
                else diagnostics.Add(f.Span, f.Message, f.Fix);
        return hosts;
    }

    /// <param name="earlier">What the pattern's earlier terms reported: "did you mean" stops at its cap over the whole pattern.</param>
    private static HashSet<string> Hosts(Inventory inventory, string term, Diagnostics diagnostics, SourceSpan span, int earlier)
    {
        if (term is "all" or "*") return inventory.Hosts.Select(h => h.Name).ToHashSet(StringComparer.Ordinal);
        if (PatternTerms.Special(inventory, term, t => Hosts(inventory, t, diagnostics, span, earlier), diagnostics, span) is { } special) return special.ToHashSet(StringComparer.Ordinal);
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
            (earlier + diagnostics.Count < Suggest.MaxErrorsSuggested ? Suggest.DidYouMean(term, names) : null) is { } s ? $"did you mean '{s}'?" : $"groups are: {string.Join(", ", inventory.Groups.Select(g => g.Name))}");
        return [];
    }

    private static IEnumerable<string> InGroup(Inventory inventory, string group) =>
        group == Inventory.AllGroup
            ? inventory.Hosts.Select(h => h.Name)
            : inventory.Hosts.Where(h => h.Groups.Contains(group)).Select(h => h.Name);
}
