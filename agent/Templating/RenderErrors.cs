using System.Text.RegularExpressions;
using Fluid;

namespace Provisioner.Templating;

/// <summary>
/// What a failed render tells the user. Every exception a template can cause is named here and
/// becomes a render error (invalid input, with the template's location); anything else is a bug.
/// </summary>
internal static partial class RenderErrors
{
    /// <summary>Fluid's words for both its step and its recursion limit.</summary>
    private const string FluidLimit = "The maximum level of recursion has been reached";

    public static (string Message, string? Fix)? Describe(Exception ex, RenderContext context) => ex switch
    {
        TemplateException t => (t.Message, t.Fix),
        InvalidOperationException when ex.Message.StartsWith(FluidLimit, StringComparison.Ordinal) =>
            ((context.Steps > TemplateLimits.MaxSteps ? TemplateLimits.Steps() : TemplateLimits.Nesting()).Message, TemplateLimits.Fix),
        DivideByZeroException => ("division by zero (divided_by: 0 or modulo: 0)", "divide by a number other than 0"),
        ArithmeticException => ("number out of range: a number or a result is too large for a number", "use smaller numbers"),
        InvalidOperationException or ArgumentException or FormatException or FluidException or IOException => (ParameterName().Replace(ex.Message, ""), null),
        _ => null,
    };

    /// <summary>.NET's " (Parameter 'length')", which means nothing to the user.</summary>
    [GeneratedRegex(@"\s*\(Parameter '[^']*'\)")]
    private static partial Regex ParameterName();
}
