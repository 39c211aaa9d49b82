using System.Globalization;
using Provisioner.Modules.Users;

namespace Provisioner.Modules;

/// <summary>What is wrong with an argument's value, and how to fix it.</summary>
public sealed record ArgProblem(string Message, string Fix);

/// <summary>
/// The rules for the text kinds of <see cref="ArgType"/>, in one place for every caller: the parser
/// (literal values), validate (values rendered per host) and binding at run time. A problem's message
/// follows the argument's name: "'dest' must be an absolute path …".
/// </summary>
public static class ArgValue
{
    public static ArgProblem? Check(ArgType type, string name, string value) => type switch
    {
        ArgType.Path => Path(name, value, absolute: true),
        ArgType.SourcePath or ArgType.TemplateFile => Path(name, value, absolute: false),
        ArgType.Mode => Mode(value) is null ? ModeProblem(name, value) : null,
        ArgType.Account => Account(value),
        ArgType.Port => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535
            ? null : new ArgProblem($"must be a TCP port (1-65535), not '{value}'", $"write {name}: 25"),
        _ => null,
    };

    /// <summary>The mode as four octal digits ("644" → "0644"), or null when it is not an octal mode.</summary>
    public static string? Mode(string value)
    {
        var digits = value.TrimStart('0');
        if (digits.Length == 0 && value.Length > 0) return "0000";
        return digits.Length is > 0 and <= 4 && digits.All(c => c is >= '0' and <= '7')
            ? Convert.ToString(Convert.ToInt32(digits, 8), 8).PadLeft(4, '0')
            : null;
    }

    private static ArgProblem? Path(string name, string value, bool absolute)
    {
        var control = Array.FindIndex(value.ToCharArray(), c => c < 0x20 || c == 0x7F);
        if (control >= 0)
            return new ArgProblem($"contains a control character (U+{(int)value[control]:X4}) at position {control + 1}", "remove it: a path holds no tabs or line breaks");
        if (value.Length == 0)
            return new ArgProblem($"must be {(absolute ? "an absolute path" : "a path")}, not empty", $"write {name}: {(absolute ? "/etc/example" : "files/example")}");
        return absolute && !value.StartsWith('/')
            ? new ArgProblem($"must be an absolute path (starting with '/'), not '{value}'", $"write {name}: /{value}")
            : null;
    }

    private static ArgProblem? Account(string value) =>
        AccountName.IsValid(value) || (value.Length > 0 && value.All(char.IsAsciiDigit))
            ? null
            : new ArgProblem($"must be an account name or a numeric id, not '{value}'", AccountName.Rule);

    private static ArgProblem ModeProblem(string name, string value) =>
        new($"must be an octal mode like '0644', not '{value}'",
            SymbolicMode.ToOctal(value) is { } octal ? $"write {name}: \"{octal}\" (symbolic modes are not supported)" : $"quote it: {name}: \"0644\"");
}
