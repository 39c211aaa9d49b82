using System.Text;

namespace Provisioner.Transport;

/// <summary>
/// POSIX sh quoting. Every user value that reaches a remote shell goes through <see cref="Quote"/>,
/// so no value can break out of its argument.
/// </summary>
public static class ShellQuote
{
    public static string Quote(string value)
    {
        if (value.Length > 0 && value.All(IsSafe)) return value;
        var sb = new StringBuilder(value.Length + 2);
        sb.Append('\'');
        foreach (var c in value)
        {
            if (c == '\'') sb.Append("'\\''");
            else sb.Append(c);
        }
        sb.Append('\'');
        return sb.ToString();
    }

    private static bool IsSafe(char c) =>
        c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '-' or '_' or '.' or '/' or ':' or '@' or '%' or '+' or ',' or '=';
}
