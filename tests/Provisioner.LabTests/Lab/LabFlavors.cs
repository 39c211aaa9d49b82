namespace Provisioner.LabTests.Lab;

/// <summary>
/// Whether a lab flavor can boot on this machine. forky needs Debian testing from the mirror: when
/// the mirror does not serve it, <c>tests/lab/lab prepare --flavor forky</c> exits 75 and writes its
/// one-line reason into <c>cache/forky.unavailable</c> (a later successful prepare removes it).
/// </summary>
public static class LabFlavors
{
    public static string MarkerPath(string flavor, string? labRoot = null) =>
        Path.Combine(labRoot ?? LabInstance.LabRoot, "cache", $"{flavor}.unavailable");

    /// <summary>The lab's reason why <paramref name="flavor"/> cannot boot here, or null when it can.</summary>
    public static string? Unavailable(string flavor, string? labRoot = null)
    {
        var marker = MarkerPath(flavor, labRoot);
        if (!File.Exists(marker)) return null;
        var reason = File.ReadAllText(marker).Trim();
        return reason.Length > 0 ? reason : $"lab flavor {flavor} is not available on this machine ({marker})";
    }
}
