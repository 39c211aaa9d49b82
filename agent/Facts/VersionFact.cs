namespace Provisioner.HostFacts;

/// <summary>
/// A software version fact, brought by the modules of a playbook that needs it (the engine core knows
/// none): read at connect by running <see cref="Program"/> with <see cref="Args"/> when the program
/// exists, exposed to templates as <c>facts.NAME_version</c> and <c>facts.NAME_major</c>, and in
/// check mode forecast from a planned install of one of its <see cref="Packages"/> at the version the
/// package manager named.
/// </summary>
public sealed record VersionFact(string Name, IReadOnlyList<string> Packages, string Program, IReadOnlyList<string> Args)
{
    public string VersionKey => Name + "_version";
    public string MajorKey => Name + "_major";

    /// <summary>The first word of what the program printed when it is a version (2.4.1 of "2.4.1 (7f12a8b)"), else null.</summary>
    public static string? Parse(string printed) =>
        printed.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() is { } word && char.IsAsciiDigit(word[0]) ? word : null;

    /// <summary>The first two components: 2.4 of 2.4.1.</summary>
    public static string? Major(string? version) => version is null ? null : string.Join('.', version.Split('.').Take(2));

    /// <summary>
    /// The program's own version in a package version, which carries an epoch, a revision and suffixes
    /// the program's does not (1:2.3.19.1+dfsg1-2.1+deb12u6 → 2.3.19.1); null when there is none.
    /// </summary>
    public static string? Upstream(string? packageVersion)
    {
        if (packageVersion is null) return null;
        var v = packageVersion[(packageVersion.IndexOf(':') + 1)..];
        var end = v.IndexOfAny(['-', '+', '~']);
        v = end < 0 ? v : v[..end];
        return v.Length > 0 && char.IsAsciiDigit(v[0]) ? v : null;
    }
}
