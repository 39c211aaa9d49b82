using System.Globalization;
using System.Text.RegularExpressions;

namespace Provisioner.Templating;

/// <summary>
/// A template that cannot be used as written, found before rendering: what is wrong, the fix, and where
/// inside the template text (1-based), which a template file reports as its own position.
/// </summary>
public sealed partial record TemplateProblem(string Message, string Fix, int Line, int Column)
{
    public const string SyntaxFix = "fix the Liquid syntax: '{{ name }}' for a value, '{% if x %}…{% endif %}' for logic";

    /// <summary>A problem at a character index of <paramref name="text"/>; the message says where, as Fluid's do.</summary>
    public static TemplateProblem At(string text, int index, string message, string fix)
    {
        var (line, column) = Position(text, index);
        return new TemplateProblem($"{message} at ({line}:{column})", fix, line, column);
    }

    /// <summary>Fluid's parse error, which ends "… at (line:column)"; without one, the start of the text.</summary>
    public static TemplateProblem Syntax(string error)
    {
        var m = FluidPosition().Match(error);
        var (line, column) = m.Success ? (Number(m.Groups[1].Value), Number(m.Groups[2].Value)) : (1, 1);
        return new TemplateProblem($"template syntax error: {error}", SyntaxFix, line, column);
    }

    /// <summary>
    /// This problem told without the template's text, for a secret value: Fluid's syntax errors quote the
    /// source line, and an unknown filter's name (or the one suggested for it) is part of the text.
    /// </summary>
    public TemplateProblem InSecret() =>
        new($"this secret value is not a valid template (at {Line}:{Column} inside it; the value is not shown)",
            "fix the Liquid in the secret value, or write it without '{{' and '{%'", Line, Column);

    public static (int Line, int Column) Position(string text, int index)
    {
        var before = text.AsSpan(0, Math.Min(index, text.Length));
        var lastNewline = before.LastIndexOf('\n');
        return (before.Count('\n') + 1, index - lastNewline);
    }

    private static int Number(string digits) => int.Parse(digits, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\((\d+):(\d+)\)")]
    private static partial Regex FluidPosition();
}
