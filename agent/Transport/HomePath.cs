namespace Provisioner.Transport;

/// <summary>Expands a leading <c>~</c> the way a shell would, so inventory paths can be written portably.</summary>
public static class HomePath
{
    public static string Expand(string path) => Expand(path, Home);

    /// <summary>As <see cref="Expand(string)"/> with a given home directory; none (null or empty) leaves the path as written.</summary>
    public static string Expand(string path, string? home)
    {
        if (home is not { Length: > 0 }) return path;
        if (path == "~") return home;
        if (path.StartsWith("~/", StringComparison.Ordinal)) return Path.Combine(home, path[2..]);
        return path;
    }

    private static string Home =>
        Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } home
            ? home
            : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
}
