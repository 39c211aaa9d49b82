using System.Text;

namespace Provisioner.Transport.SshConfig;

/// <summary>
/// Splits a command-line fragment into words as POSIX sh would (single and double quotes,
/// backslash escapes), without expanding anything: how Ansible reads ansible_ssh_common_args.
/// </summary>
public static class ShellWords
{
    /// <returns>The words, or null when a quote is left open.</returns>
    public static IReadOnlyList<string>? Split(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case ' ' or '\t' or '\n' or '\r':
                    if (inWord) words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                    continue;
                case '\'':
                    var close = text.IndexOf('\'', i + 1);
                    if (close < 0) return null;
                    word.Append(text, i + 1, close - i - 1);
                    i = close;
                    break;
                case '"':
                    for (i++; ; i++)
                    {
                        if (i >= text.Length) return null;
                        if (text[i] == '"') break;
                        if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] is '"' or '\\' or '$' or '`') i++;
                        word.Append(text[i]);
                    }
                    break;
                case '\\':
                    if (i + 1 < text.Length) word.Append(text[++i]);
                    break;
                default:
                    word.Append(c);
                    break;
            }
            inWord = true;
        }
        if (inWord) words.Add(word.ToString());
        return words;
    }
}
