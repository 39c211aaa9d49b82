using System.Globalization;
using System.Text.RegularExpressions;

namespace Provisioner.Inventories;

/// <summary>
/// Ansible's host ranges: <c>web[01:03]</c> is web01, web02, web03 (a leading zero sets the width),
/// <c>db-[a:c]</c> is db-a to db-c, <c>[1:10:2]</c> takes a step. Several ranges in one name multiply.
/// </summary>
public static partial class HostRange
{
    /// <summary>Cap on the hosts one pattern may make: a typo like [1:99999999] must not exhaust memory.</summary>
    public const int MaxHosts = 10_000;

    public static bool HasRange(string name) => Range().IsMatch(name);

    /// <summary>The names, or the reason the range is wrong.</summary>
    public static (IReadOnlyList<string> Names, string? Problem) Expand(string name)
    {
        // Several ranges multiply: their product is capped before any name is made.
        var count = Int128.One;
        foreach (Match m in Range().Matches(name))
        {
            var (items, problem) = Items(m.Groups["from"].Value, m.Groups["to"].Value, m.Groups["step"].Value);
            if (items is null) return ([], problem);
            if ((count *= items.Count) > MaxHosts) return ([], $"the range makes more than {MaxHosts} hosts");
        }
        return ExpandAll(name);
    }

    private static (IReadOnlyList<string> Names, string? Problem) ExpandAll(string name)
    {
        var match = Range().Match(name);
        if (!match.Success) return ([name], null);
        var (items, problem) = Items(match.Groups["from"].Value, match.Groups["to"].Value, match.Groups["step"].Value);
        if (items is null) return ([], problem);
        var names = new List<string>();
        foreach (var item in items)
        {
            var (rest, restProblem) = ExpandAll(name[..match.Index] + item + name[(match.Index + match.Length)..]);
            if (restProblem is not null) return ([], restProblem);
            names.AddRange(rest);
            if (names.Count > MaxHosts) return ([], $"the range makes more than {MaxHosts} hosts");
        }
        return (names, null);
    }

    private static (IReadOnlyList<string>? Items, string? Problem) Items(string from, string to, string stepText)
    {
        var step = 1;
        if (stepText.Length > 0 && (!int.TryParse(stepText, NumberStyles.None, CultureInfo.InvariantCulture, out step) || step < 1))
            return (null, $"the step '{stepText}' of a range must be a whole number of at least 1");
        if (from.All(char.IsAsciiDigit) && to.All(char.IsAsciiDigit) && to.Length > 0)
        {
            if (from.Length == 0) from = "0";
            if (!long.TryParse(from, NumberStyles.None, CultureInfo.InvariantCulture, out var start) || !long.TryParse(to, NumberStyles.None, CultureInfo.InvariantCulture, out var end))
                return (null, "the range's bounds are too large");
            if (start > end) return (null, $"the range [{from}:{to}] runs backwards");
            if (Count(start, end, step) > MaxHosts) return (null, $"the range makes more than {MaxHosts} hosts");
            var width = from.Length > 1 && from[0] == '0' ? from.Length : 0;
            // By index, not by adding the step to the bound: near long.MaxValue that would wrap and never end.
            return (Enumerable.Range(0, (int)Count(start, end, step)).Select(k => (start + (long)k * step).ToString(CultureInfo.InvariantCulture).PadLeft(width, '0')).ToList(), null);
        }
        if (from.Length == 1 && to.Length == 1 && char.IsAsciiLetter(from[0]) && char.IsAsciiLetter(to[0]))
        {
            if (from[0] > to[0]) return (null, $"the range [{from}:{to}] runs backwards");
            // Counted, not stepped through a char: a step of 65536 would wrap to the same letter.
            return (Enumerable.Range(0, (int)Count(from[0], to[0], step)).Select(k => ((char)(from[0] + k * step)).ToString()).ToList(), null);
        }
        return (null, $"[{from}:{to}] is not a range of numbers or of single letters");
    }

    /// <summary>How many items a range makes, in a type that holds any difference of two longs.</summary>
    private static long Count(long start, long end, int step) => (long)Int128.Min(((Int128)end - start) / step + 1, long.MaxValue);

    [GeneratedRegex(@"\[(?<from>[^:\]\[]*):(?<to>[^:\]\[]*)(?::(?<step>[^\]\[]*))?\]")]
    private static partial Regex Range();
}
