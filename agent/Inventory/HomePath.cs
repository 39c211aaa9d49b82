namespace Provisioner.Inventories;

/// <summary>Expands a leading <c>~</c> as a shell would, since SSH.NET takes paths literally.</summary>
public static class HomePath
{
    public static string? Expand(string? path)
    {
        if (path is null) return null;
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (path == "~") return home;
        if (path.StartsWith("~/", StringComparison.Ordinal)) return Path.Combine(home, path[2..]);
        return path;
    }
}
