using System.Globalization;
using System.Text.RegularExpressions;

namespace Provisioner.Templating;

/// <summary>
/// An unquoted scalar that YAML 1.1 (PyYAML, so Ansible) reads as a float: <c>1.5</c>, <c>.5</c>,
/// <c>-2.</c>, <c>1_000.5</c>, <c>6.02e+23</c> (an exponent needs a point and a sign). Kept as a decimal,
/// so a template prints the digits as written (<c>8.0</c> stays 8.0) and comparisons are numeric.
/// </summary>
internal static partial class YamlFloat
{
    public static bool TryParse(string text, out decimal value)
    {
        value = 0;
        return Pattern().IsMatch(text)
            && decimal.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    [GeneratedRegex(@"^[-+]?(?:[0-9][0-9_]*\.[0-9_]*|\.[0-9][0-9_]*)(?:[eE][-+][0-9]+)?$")]
    private static partial Regex Pattern();
}
