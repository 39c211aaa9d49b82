using System.CommandLine.Parsing;
using System.Globalization;

namespace Provisioner.Cli;

/// <summary>
/// Reads a number option's value, and when it is none says so in the user's words (-f abc: "a whole
/// number is expected"), not System.CommandLine's "as expected type 'System.Int32'".
/// </summary>
internal static class WholeNumber
{
    public static int Parse(ArgumentResult result)
    {
        var option = result.Parent is OptionResult o ? o.IdentifierToken?.Value ?? o.Option.Name : result.Argument.Name;
        var token = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (int.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)) return value;
        result.AddError($"{option} expects a whole number, not '{token}' — write e.g. {option} 10");
        return 0;
    }
}
