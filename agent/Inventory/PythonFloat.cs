using System.Globalization;

namespace Provisioner.Inventories;

/// <summary>
/// A float written as Python's <c>repr</c> writes it (<c>1000.0</c>, <c>0.002</c>, <c>1.1</c>), since an
/// Ansible user compares what provision read with what Ansible prints. An exponent keeps a point in its
/// mantissa (<c>1.0e-05</c>, where Python writes <c>1e-05</c>) so that YAML reads the text as a float too.
/// </summary>
public static class PythonFloat
{
    public static string Repr(double value)
    {
        if (double.IsInteger(value) && Math.Abs(value) < 1e16) return value.ToString("0.0", CultureInfo.InvariantCulture);
        var text = value.ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e');
        var e = text.IndexOf('e', StringComparison.Ordinal);
        return e < 0 || text[..e].Contains('.', StringComparison.Ordinal) ? text : text[..e] + ".0" + text[e..];
    }
}
