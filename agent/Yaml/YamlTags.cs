using YamlDotNet.Core;

namespace Provisioner.Yaml;

/// <summary>
/// The YAML tags provision understands: its own <c>!secret</c> and Ansible's <c>!vault</c>, and YAML's
/// core types. Any other tag is an error: <c>!secert</c> or <c>!!secret</c> ignored would turn a
/// secret into plain text without a word.
/// </summary>
internal static class YamlTags
{
    private const string Core = "tag:yaml.org,2002:";
    private static readonly string[] CoreTypes = ["str", "int", "float", "bool", "null", "seq", "map"];
    private static readonly string[] Known = [YamlLoader.SecretTag, YamlLoader.VaultTag, .. CoreTypes.Select(t => "!!" + t)];

    public const string Listing = "!secret, !vault, and YAML's !!str, !!int, !!float, !!bool, !!null, !!seq, !!map";

    /// <summary>The tag as the user wrote it (<c>!!x</c> for YAML's own), or null when there is none.</summary>
    public static string? Written(TagName tag) =>
        tag.IsEmpty || tag.IsNonSpecific ? null : tag.Value.StartsWith(Core, StringComparison.Ordinal) ? "!!" + tag.Value[Core.Length..] : tag.Value;

    public static bool IsText(TagName tag) => Written(tag) == "!!str";

    /// <summary>Reports a tag provision does not know; true when it was one.</summary>
    public static bool Unknown(TagName tag, SourceSpan span, Diagnostics diagnostics)
    {
        if (Written(tag) is not { } written || Known.Contains(written)) return false;
        diagnostics.Add(span, $"unknown YAML tag '{written}' (the tags are {Listing})",
            Suggest.DidYouMean(written, Known) is { } near ? $"did you mean '{near}'?" : "remove the tag, or use one of these");
        return true;
    }
}
