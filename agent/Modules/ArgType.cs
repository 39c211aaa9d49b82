namespace Provisioner.Modules;

/// <summary>
/// An argument's type. Besides the YAML shapes, a few kinds of text have rules of their own
/// (<see cref="ArgValue"/>): <see cref="Path"/> an absolute path on the host, <see cref="SourcePath"/>
/// a path that may be relative (a file beside the playbook, a link target), <see cref="TemplateFile"/> such a
/// path naming a Liquid template (validate checks the file too), <see cref="Mode"/> an octal file mode,
/// <see cref="Account"/> a user or group name or numeric id, <see cref="Port"/> a TCP port.
/// </summary>
public enum ArgType { String, Bool, Int, List, Map, Any, Path, SourcePath, TemplateFile, Mode, Account, Port }

/// <summary>
/// One module argument: its type, whether it is required, its allowed values and its default — written
/// here once; <see cref="ArgReader"/> reads choices and defaults from it.
/// </summary>
public sealed record ArgDef(string Name, ArgType Type, bool Required = false, IReadOnlyList<string>? Choices = null, string? Help = null, string? Default = null);

/// <summary>
/// A module's argument schema, used at parse time (unknown keys, missing required keys, wrong literal
/// types, invalid choices) and when binding rendered values at run time.
/// </summary>
public sealed record ArgSpec(IReadOnlyList<ArgDef> Args)
{
    /// <summary>The argument a bare scalar fills in (<c>command: "echo hi"</c> means <c>cmd: "echo hi"</c>).</summary>
    public string? FreeForm { get; init; }
    /// <summary>Groups of arguments of which exactly one must be given (e.g. content | src).</summary>
    public IReadOnlyList<string[]> ExactlyOneOf { get; init; } = [];
    /// <summary>Groups of arguments of which at most one may be given.</summary>
    public IReadOnlyList<string[]> MutuallyExclusive { get; init; } = [];

    public ArgDef? Find(string name) => Args.FirstOrDefault(a => a.Name == name);
}
