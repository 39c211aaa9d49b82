namespace Provisioner.Yaml;

/// <summary>
/// "Did you mean" for misspelt keys, module names, hosts and groups. Bounded, since the input and the
/// candidates can be the user's (a 100 000-character --limit term against 10 000 hosts): a long input
/// gets no suggestion, a candidate whose length alone puts it too far is skipped, and the distance is
/// computed only near the diagonal and given up once it exceeds the best so far.
/// </summary>
public static class Suggest
{
    /// <summary>Longer inputs are not typos of a name; comparing them would cost their length per candidate.</summary>
    public const int MaxInputLength = 64;

    /// <summary>
    /// Past this many errors the input is not a few typos: each suggestion costs a pass over every
    /// candidate, so a pattern of thousands of unknown names against thousands of hosts stops suggesting.
    /// </summary>
    public const int MaxErrorsSuggested = 20;

    public static string? DidYouMean(string input, IEnumerable<string> candidates)
    {
        if (input.Length > MaxInputLength) return null;
        var lower = input.ToLowerInvariant();
        string? best = null;
        var bestDistance = Math.Max(2, input.Length / 3) + 1;
        foreach (var c in candidates)
        {
            // The distance is at least the difference in length.
            if (Math.Abs(c.Length - input.Length) >= bestDistance) continue;
            var d = Distance(lower, c.ToLowerInvariant(), bestDistance - 1);
            if (d < bestDistance) (bestDistance, best) = (d, c);
        }
        return best;
    }

    public static int Distance(string a, string b) => Distance(a, b, Math.Max(a.Length, b.Length));

    /// <summary>Levenshtein distance, or <paramref name="max"/> + 1 once it is sure to exceed <paramref name="max"/>.</summary>
    private static int Distance(string a, string b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max) return max + 1;
        var tooFar = max + 1;
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) prev[j] = Math.Min(j, tooFar);
        for (var i = 1; i <= a.Length; i++)
        {
            // Only cells within max of the diagonal can stay within max.
            var (from, to) = (Math.Max(1, i - max), Math.Min(b.Length, i + max));
            cur[0] = Math.Min(i, tooFar);
            if (from > 1) cur[from - 1] = tooFar;
            var rowMin = cur[0];
            for (var j = from; j <= to; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), Math.Min(prev[j - 1] + cost, tooFar));
                rowMin = Math.Min(rowMin, cur[j]);
            }
            if (to < b.Length) cur[to + 1] = tooFar;
            if (rowMin > max) return tooFar;
            (prev, cur) = (cur, prev);
        }
        return Math.Min(prev[b.Length], tooFar);
    }
}
