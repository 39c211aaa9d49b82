using Provisioner.Yaml;

namespace Provisioner.Variables;

/// <summary>
/// Loads a file of variables (a YAML mapping). A file named <c>*.secret.yml</c> or
/// <c>*.secrets.yml</c> has every value marked secret, so a whole file of passwords needs no tags.
/// </summary>
public static class VarsFile
{
    private static readonly string[] SecretSuffixes = [".secret.yml", ".secrets.yml", ".secret.yaml", ".secrets.yaml"];

    public static bool IsSecretName(string path) =>
        SecretSuffixes.Any(s => Path.GetFileName(path).EndsWith(s, StringComparison.OrdinalIgnoreCase));

    /// <summary>Returns the file's mapping, or null (with a diagnostic) when it is missing or not a mapping.</summary>
    public static MapNode? Load(string path, Diagnostics diagnostics)
    {
        switch (YamlLoader.LoadFile(path, diagnostics, allSecret: IsSecretName(path)))
        {
            case null: return null;
            case MapNode m: return m;
            case ScalarNode s when s.IsNull: return MapNode.Empty(s.Span);
            case var other:
                diagnostics.Add(other.Span, "a vars file must be a mapping of names to values", "write NAME: VALUE pairs at the top level");
                return null;
        }
    }
}
