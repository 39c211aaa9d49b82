namespace Provisioner.Execution;

/// <summary>
/// Which stages run: all, or those named by <c>--stage</c> as names, numbers or ranges
/// (<c>3</c>, <c>smtp</c>, <c>1-4</c>, <c>..3</c>, <c>5..</c>).
/// </summary>
public sealed record StageSelection(IReadOnlyList<string> Items)
{
    public static readonly StageSelection All = new([]);

    public bool Includes(int number, string name)
    {
        if (Items.Count == 0) return true;
        foreach (var item in Items)
        {
            if (item == name || item == number.ToString(System.Globalization.CultureInfo.InvariantCulture)) return true;
            if (TryRange(item, out var lo, out var hi) && number >= lo && number <= hi) return true;
        }
        return false;
    }

    public static bool TryRange(string item, out int lo, out int hi)
    {
        lo = 1; hi = int.MaxValue;
        var sep = item.Contains("..", StringComparison.Ordinal) ? ".." : item.Contains('-') ? "-" : null;
        if (sep is null) return false;
        var parts = item.Split(sep, 2);
        if (parts[0].Length > 0 && !int.TryParse(parts[0], out lo)) return false;
        if (parts[1].Length > 0 && !int.TryParse(parts[1], out hi)) return false;
        return true;
    }

    /// <summary>Items that name no stage at all, for a clear error before anything runs.</summary>
    public IEnumerable<string> Unknown(IReadOnlyList<(int Number, string Name)> stages) =>
        Items.Where(i => !TryRange(i, out _, out _) && !stages.Any(s => s.Name == i || s.Number.ToString(System.Globalization.CultureInfo.InvariantCulture) == i));
}
