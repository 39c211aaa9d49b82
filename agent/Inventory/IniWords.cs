using System.Text;
using Provisioner.Yaml;

namespace Provisioner.Inventories;

/// <summary>
/// The word-level syntax of an INI inventory line: shell-like words (quotes group, <c>#</c> starts a
/// comment outside quotes), <c>key=value</c> pairs, and <c>NAME:PORT</c> host names.
/// </summary>
internal static class IniWords
{
    /// <summary>A host line as <c>NAME: {vars}</c>; null (with a diagnostic) when it is malformed.</summary>
    public static KeyValuePair<ScalarNode, Node>? HostLine(string raw, int line, string file, Diagnostics d)
    {
        var words = Split(raw, line, file, d);
        if (words is null || words.Count == 0) return null;
        var (name, nameAt, _) = words[0];
        var vars = new List<KeyValuePair<ScalarNode, Node>>();
        // NAME:PORT and [IPv6]:PORT; a bare IPv6 address is a name (its colons are no port, nor a range's).
        var (host, port) = HostAddress.Split(name);
        if (port is not null) vars.AddRange(InventoryBuilder.PortVars(port.Value, nameAt).Entries);
        name = host;
        // Each word's quotes are gone (shell-like), so x="5" is 5, as Ansible's shlex split and literal_eval make it.
        foreach (var (word, at, _) in words.Skip(1))
        {
            if (Pair(word, at, d, out var key, out var value)) vars.Add(new(key, value));
        }
        return new(new ScalarNode(name, nameAt), new MapNode(vars, nameAt));
    }

    /// <summary>
    /// One <c>key=value</c>, its value typed as Ansible types it (<see cref="IniValue"/>); the message
    /// shows the key only, since the value may be a secret.
    /// </summary>
    public static bool Pair(string text, SourceSpan at, Diagnostics d, out ScalarNode key, out Node value)
    {
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        var name = eq > 0 ? text[..eq].Trim() : "";
        key = new ScalarNode(name, at);
        value = new ScalarNode("", at);
        // Never quote the text: a word without '=' may be a password typed after a space.
        var problem = eq < 0 ? "a word with no '='" : name.Length == 0 ? "a value with no name before its '='" : name.Any(char.IsWhiteSpace) ? "a name with spaces in it" : null;
        if (problem is not null)
        {
            d.Add(at, $"expected key=value, found {problem}", "write NAME=VALUE (a value with spaces in quotes)");
            return false;
        }
        value = IniValue.Parse(text[(eq + 1)..].Trim(), at);
        return true;
    }

    private static List<(string Text, SourceSpan At, bool Quoted)>? Split(string raw, int line, string file, Diagnostics d)
    {
        var words = new List<(string, SourceSpan, bool)>();
        var current = new StringBuilder();
        var start = -1;
        var quotedWord = false;
        char? quote = null;
        for (var i = 0; i <= raw.Length; i++)
        {
            var c = i < raw.Length ? raw[i] : '\0';
            if (quote is not null && i < raw.Length)
            {
                if (c == quote) quote = null; else current.Append(c);
                continue;
            }
            if (i == raw.Length || char.IsWhiteSpace(c) || c == '#')
            {
                if (start >= 0) words.Add((current.ToString(), new SourceSpan(file, line, start + 1), quotedWord));
                current.Clear();
                start = -1;
                quotedWord = false;
                if (c == '#') break;
                continue;
            }
            if (start < 0) start = i;
            if (c is '"' or '\'') { quote = c; quotedWord = true; continue; }
            current.Append(c);
        }
        if (quote is not null)
        {
            d.Add(new SourceSpan(file, line, 1), $"an unclosed {quote} quote", "close the quote on the same line");
            return null;
        }
        return words;
    }
}
