namespace Provisioner.Modules;

/// <summary>What a step can bring to a host and a task can need from it.</summary>
public enum ResourceKind { Package, Account, Unit, Path }

/// <summary>Something a planned step brings to the host (a package with the version it installs, an account, a unit, a path).</summary>
public sealed record Provided(ResourceKind Kind, string Name, string? Version = null)
{
    public static Provided Package(string name, string? version) => new(ResourceKind.Package, name, version);
    public static Provided Account(string name) => new(ResourceKind.Account, name);
    public static Provided Unit(string name) => new(ResourceKind.Unit, name);
    public static Provided Path(string path) => new(ResourceKind.Path, path);
}

/// <summary>
/// Something a task needs on the host before it can read or apply: a package (by name or family:
/// <c>dovecot</c> is met by <c>dovecot-core</c>), an account, a unit, a path.
/// </summary>
public sealed record Need(ResourceKind Kind, string Name)
{
    public static Need Package(string nameOrFamily) => new(ResourceKind.Package, nameOrFamily);
    public static Need Account(string name) => new(ResourceKind.Account, name);
    public static Need Unit(string name) => new(ResourceKind.Unit, name);

    /// <summary>The accounts a file's owner and group name (numeric ids need no account).</summary>
    public static IReadOnlyList<Need> Accounts(params string?[] names) =>
        [.. names.OfType<string>().Where(n => n.Length > 0 && !n.All(char.IsAsciiDigit)).Distinct(StringComparer.Ordinal).Select(Account)];
}
