using System.Globalization;
using System.Text;

namespace Provisioner.Reporting;

/// <summary>
/// Text for a person's terminal: control characters from names and values in playbooks and inventories
/// (ESC, BEL, a carriage return, C1 controls, bidirectional overrides) are shown escaped (<c>\x1B</c>),
/// so an inventory cannot rewrite the operator's screen or disguise a line. Newlines and tabs stay:
/// messages are laid out with them. JSON and logs keep text exact (their encoders escape it).
/// </summary>
public static class Printable
{
    /// <summary>A line for the terminal: secrets masked first, then control characters escaped.</summary>
    public static string Shown(Templating.SecretSet secrets, string text) => Escape(secrets.Mask(text));

    public static string Escape(string text)
    {
        if (!text.AsSpan().ContainsAny(Unsafe)) return text;
        var shown = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (!Unsafe.Contains(c)) shown.Append(c);
            else if (c <= '\u00FF') shown.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}");
            else shown.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
        }
        return shown.ToString();
    }

    private static readonly System.Buffers.SearchValues<char> Unsafe = System.Buffers.SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Where(c => c is not ('\n' or '\t')).Select(c => (char)c), '\u007F',
         .. Enumerable.Range(0x80, 0x20).Select(c => (char)c),
         '\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069']);
}
