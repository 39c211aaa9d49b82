using System.Globalization;
using System.Text.RegularExpressions;

namespace Provisioner.Modules.Packages;

/// <summary>
/// The newest dnf transaction id, so a stage's package changes can be undone with
/// <c>dnf history undo ID</c> (or everything after the id read before the stage with
/// <c>dnf history rollback ID</c>).
/// </summary>
public static partial class DnfHistory
{
    /// <summary>Reads the newest transaction in one cheap query (no metadata download); empty output when there is none.</summary>
    public const string Query = "dnf -q history info last 2>/dev/null";

    /// <summary>
    /// The id from <c>dnf history info last</c> ("Transaction ID : 12"), or else the highest id in a
    /// <c>dnf history list</c> table in either order (dnf4 "  12 | cmd | ...", dnf5 "12 cmd ...").
    /// Null when there is no transaction.
    /// </summary>
    public static long? LastTransactionId(string stdout)
    {
        if (InfoId().Match(stdout) is { Success: true } info)
            return long.Parse(info.Groups[1].Value, CultureInfo.InvariantCulture);
        long? max = null;
        foreach (Match m in ListRow().Matches(stdout))
        {
            var id = long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            if (max is null || id > max) max = id;
        }
        return max;
    }

    [GeneratedRegex(@"^\s*Transaction ID\s*:\s*(\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex InfoId();

    [GeneratedRegex(@"^\s*(\d+)\s*(\||\s)\s*\S", RegexOptions.Multiline)]
    private static partial Regex ListRow();
}
