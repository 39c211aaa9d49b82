namespace Provisioner.Yaml;

/// <summary>
/// Bounds on what provision reads, so hostile or broken input ends in a located error that names the
/// limit, instead of a hang, an exhausted machine or a crash. Each is far above any real input.
/// </summary>
public static class InputLimits
{
    /// <summary>Playbooks, inventories, vars files, templates and copied files.</summary>
    public const int MaxFileBytes = 4 * 1024 * 1024;

    /// <summary>Levels of nested lists and mappings in a YAML file (a playbook needs about ten).</summary>
    public const int MaxYamlDepth = 64;

    /// <summary>Nodes that YAML aliases may add to a file in all (anchors that hold aliases multiply).</summary>
    public const int MaxAliasNodes = 10_000;

    /// <summary>An RIR delegated-stats file (the largest, RIPE's extended one, is about 20 MB).</summary>
    public const int MaxRirFileBytes = 64 * 1024 * 1024;

    /// <summary>Characters in one line of a line-based input (RIR lines are under 100).</summary>
    public const int MaxLineLength = 1024;
}
