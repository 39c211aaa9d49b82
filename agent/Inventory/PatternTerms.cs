using System.Globalization;
using System.Text.RegularExpressions;
using Provisioner.Yaml;

namespace Provisioner.Inventories;

/// <summary>
/// The parts of Ansible's host patterns beyond names and globs: how a pattern splits into terms
/// (on commas when it has any, else on colons outside brackets, so <c>web[0:1]</c> and an IPv6 address
/// stay whole), <c>~regex</c> terms, and subscripts <c>web[0]</c>, <c>web[-1]</c>, <c>web[0:1]</c>
/// (inclusive), <c>web[1:]</c>.
/// </summary>
internal static partial class PatternTerms
{
    public static string[] Split(string pattern)
    {
        pattern = pattern.Trim();
        // As Ansible: a host address (web1:2222, an IPv6 literal) is one term, whatever its colons.
        var terms = pattern.Contains(',', StringComparison.Ordinal) ? pattern.Split(',')
            : HostAddress.Split(pattern).Port is not null || IsIpv6(pattern) ? [pattern]
            : ColonTerms().Matches(pattern).Select(m => m.Value).ToArray();
        return terms.Select(t => t.Trim()).Where(t => t.Length > 0).ToArray();
    }

    /// <summary>A term that names one group or host (no glob, regex or subscript): one that matches nothing is a typo or absent.</summary>
    public static bool IsPlainName(string term) => term.TrimStart('&', '!').IndexOfAny(['*', '?', '~', '[']) < 0;

    private static bool IsIpv6(string text) => System.Net.IPAddress.TryParse(text.Split('%')[0], out var a) && a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;

    /// <summary>
    /// The hosts of a <c>~regex</c> or subscripted term, in the order Ansible takes them; null for any
    /// other term. <paramref name="hostsOf"/> resolves the term a subscript applies to.
    /// </summary>
    public static IReadOnlyList<string>? Special(Inventory inventory, string term, Func<string, IReadOnlySet<string>> hostsOf, Diagnostics d, SourceSpan span)
    {
        if (term.StartsWith('~')) return Regex(inventory, term, d, span);
        if (Subscript().Match(term) is not { Success: true } m) return null;
        var baseTerm = m.Groups["base"].Value;
        var matched = hostsOf(baseTerm);
        var ordered = inventory.FindGroup(baseTerm) is { } group
            ? GroupMembers.Of(inventory, group)
            : inventory.Hosts.Select(h => h.Name).Where(matched.Contains).ToList();
        if (m.Groups["index"].Success)
        {
            var index = int.Parse(m.Groups["index"].Value, CultureInfo.InvariantCulture);
            if (index < 0) index += ordered.Count;
            return index >= 0 && index < ordered.Count ? [ordered[index]] : [];
        }
        var start = int.Parse(m.Groups["start"].Value, CultureInfo.InvariantCulture);
        var end = m.Groups["end"].Value.Length == 0 ? ordered.Count - 1 : int.Parse(m.Groups["end"].Value, CultureInfo.InvariantCulture);
        return ordered.Where((_, i) => i >= start && i <= end).ToList();
    }

    /// <summary>Python's re.match over group and host names: anchored at the start only. Linear time, so no pattern can hang a run.</summary>
    private static IReadOnlyList<string> Regex(Inventory inventory, string term, Diagnostics d, SourceSpan span)
    {
        Regex regex;
        try
        {
            regex = new Regex($"^(?:{term[1..]})", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            d.Add(span, $"'{term}' is not a regular expression provision can use: {e.Message}", "write ~ followed by a regular expression without backreferences or lookaround, e.g. ~web[0-9]+");
            return [];
        }
        var fromGroups = inventory.Groups.Where(g => regex.IsMatch(g.Name)).SelectMany(g => GroupMembers.Of(inventory, g));
        var fromHosts = inventory.Hosts.Select(h => h.Name).Where(n => regex.IsMatch(n));
        return fromGroups.Concat(fromHosts).Distinct().ToList();
    }

    // Ansible's PATTERN_WITH_SUBSCRIPT: NAME[N], NAME[-N], NAME[A:B], NAME[A:].
    [GeneratedRegex(@"^(?<base>.+)\[(?:(?<index>-?[0-9]+)|(?<start>[0-9]+):(?<end>[0-9]*))\]$")]
    private static partial Regex Subscript();

    // Ansible's split_host_pattern without commas: runs of anything but whitespace, ':' and brackets, or whole [bracketed] parts.
    [GeneratedRegex(@"(?:[^\s:\[\]]|\[[^\]]*\])+")]
    private static partial Regex ColonTerms();
}
