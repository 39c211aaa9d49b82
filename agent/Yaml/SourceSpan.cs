namespace Provisioner.Yaml;

/// <summary>Where a value came from, so every error can point into the user's file.</summary>
public sealed record SourceSpan(string File, int Line, int Column)
{
    public static readonly SourceSpan None = new("<none>", 0, 0);
    public static SourceSpan CommandLine(string what) => new(what, 0, 0);
    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}" : File;
}
