namespace Provisioner.Transport;

/// <summary>Expands a leading <c>~</c> the way a shell would, so inventory paths can be written portably.</summary>
public static class HomePath
{
    public static string Expand(string path)
    {
        if (path == "~") return Home;
        if (path.StartsWith("~/", StringComparison.Ordinal)) return Path.Combine(Home, path[2..]);
        return path;
    }

    private static string Home =>
        Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } home
            ? home
            : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
}
