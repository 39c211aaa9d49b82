using System.Text.RegularExpressions;

namespace Provisioner.Cli;

/// <summary>
/// System.CommandLine's messages for a value of the wrong kind name .NET types ("as expected type
/// 'System.Int32'"); this says what the option takes instead. Other messages pass through.
/// </summary>
internal static partial class ParseErrors
{
    public static string Describe(string message) => WrongType().Match(message) is { Success: true } m
        ? $"{m.Groups["option"].Value}: '{m.Groups["value"].Value}' is not {Kind(m.Groups["type"].Value)}"
        : message;

    private static string Kind(string type) => type switch
    {
        "System.Int32" => "a whole number (at most 2147483647)",
        "System.Boolean" => "true or false",
        _ => "a value of the kind it takes (see provision --help)",
    };

    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*)' for (?:option|argument) '(?<option>[^']+)' as expected type '(?<type>[^']+)'\.$", RegexOptions.Singleline)]
    private static partial Regex WrongType();
}
