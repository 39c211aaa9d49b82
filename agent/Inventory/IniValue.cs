using System.Globalization;
using System.Numerics;
using System.Text;
using Provisioner.Yaml;

namespace Provisioner.Inventories;

/// <summary>
/// An INI inventory value as Ansible types it: Python's <c>ast.literal_eval</c> of the text — numbers
/// (<c>42</c>, <c>-3</c>, <c>1_000</c>, <c>0x1F</c>, <c>0o17</c>, <c>0b101</c>, <c>1.5</c>, <c>.5</c>, <c>1e3</c>),
/// <c>True</c>/<c>False</c>/<c>None</c>, quoted strings, lists, tuples and dicts, a trailing <c># comment</c>;
/// anything else (<c>yes</c>, <c>017</c>, <c>hello world</c>, <c>[1, 2</c>) is the text itself.
/// The result is a node the vars layers type as YAML would: ints and floats as unquoted numbers
/// (floats written as Python prints them), strings quoted.
/// </summary>
internal static class IniValue
{
    public static Node Parse(string text, SourceSpan at)
    {
        var parser = new Parser(text, at);
        try
        {
            parser.SkipBlank();
            var node = parser.Value();
            parser.SkipBlank();
            if (parser.AtEnd) return node;
        }
        catch (FormatException)
        {
            // Not a literal: Ansible keeps the text, as here.
        }
        return new ScalarNode(text, at, Quoted: true);
    }

    private sealed class Parser(string text, SourceSpan at)
    {
        private int _i;
        private int _depth;

        public bool AtEnd => _i >= text.Length;
        private char Peek => _i < text.Length ? text[_i] : '\0';

        /// <summary>Spaces, and a comment to the end of the text, as Python's tokenizer skips them.</summary>
        public void SkipBlank()
        {
            while (_i < text.Length && text[_i] is ' ' or '\t') _i++;
            if (Peek == '#') _i = text.Length;
        }

        private static FormatException No() => new();

        public Node Value()
        {
            // Nesting beyond this is no inventory value; it must not exhaust the stack either.
            if (++_depth > 64) throw No();
            try
            {
                return Peek switch
                {
                    '[' => Sequence(']'),
                    '(' => Sequence(')'),
                    '{' => Dict(),
                    '\'' or '"' => new ScalarNode(Strings(), at, Quoted: true),
                    _ when char.IsAsciiLetter(Peek) && StringPrefix() => new ScalarNode(Strings(), at, Quoted: true),
                    _ when char.IsAsciiLetter(Peek) || Peek == '_' => Name(),
                    _ => Number(),
                };
            }
            finally { _depth--; }
        }

        private Node Name()
        {
            var start = _i;
            while (_i < text.Length && (char.IsAsciiLetterOrDigit(text[_i]) || text[_i] == '_')) _i++;
            return text[start.._i] switch
            {
                "True" => new ScalarNode("True", at),
                "False" => new ScalarNode("False", at),
                "None" => new ScalarNode("null", at),
                _ => throw No(),
            };
        }

        /// <summary>[a, b] and (a, b); "(a)" is a itself, "(a,)" a tuple.</summary>
        private Node Sequence(char close)
        {
            _i++;
            var items = new List<Node>();
            var comma = false;
            while (true)
            {
                SkipBlank();
                if (Peek == close) { _i++; break; }
                if (items.Count > 0 && !comma) throw No();
                items.Add(Value());
                SkipBlank();
                comma = Peek == ',';
                if (comma) _i++;
                else if (Peek != close) throw No();
            }
            return close == ')' && items.Count == 1 && !comma ? items[0] : new ListNode(items, at);
        }

        private MapNode Dict()
        {
            _i++;
            var entries = new List<KeyValuePair<ScalarNode, Node>>();
            while (true)
            {
                SkipBlank();
                if (Peek == '}') { _i++; return new MapNode(entries, at); }
                if (Value() is not ScalarNode key) throw No();
                SkipBlank();
                if (Peek != ':') throw No(); // {1, 2} is a set: no JSON value, so not a literal here
                _i++;
                SkipBlank();
                var value = Value();
                entries.RemoveAll(e => e.Key.Value == key.Value);
                entries.Add(new(key with { Quoted = true }, value));
                SkipBlank();
                if (Peek == ',') _i++;
                else if (Peek != '}') throw No();
            }
        }

        private Node Number()
        {
            var sign = 1;
            while (Peek is '+' or '-')
            {
                if (Peek == '-') sign = -sign;
                _i++;
                SkipBlank();
            }
            var start = _i;
            while (_i < text.Length && (char.IsAsciiLetterOrDigit(text[_i]) || text[_i] is '_' or '.'
                   || (text[_i] is '+' or '-' && text[_i - 1] is 'e' or 'E' && !text[start.._i].StartsWith("0x", StringComparison.OrdinalIgnoreCase)))) _i++;
            var token = text[start.._i];
            if (token.Length == 0 || token.StartsWith('_') || token.EndsWith('_') || token.Contains("__", StringComparison.Ordinal)) throw No();
            var digits = token.Replace("_", "", StringComparison.Ordinal);
            if (Integer(digits) is { } whole) return new ScalarNode((sign * whole).ToString(CultureInfo.InvariantCulture), at);
            if (digits.IndexOfAny(['.', 'e', 'E']) >= 0 && (char.IsAsciiDigit(digits[0]) || digits[0] == '.') && digits.All(c => char.IsAsciiDigit(c) || c is '.' or 'e' or 'E' or '+' or '-')
                && double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
                return new ScalarNode(PythonFloat.Repr(sign * d), at);
            throw No();
        }

        private static BigInteger? Integer(string digits)
        {
            static BigInteger? Base(string s, int radix)
            {
                if (s.Length == 0) return null;
                BigInteger value = 0;
                foreach (var c in s)
                {
                    var v = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetter(c) ? char.ToLowerInvariant(c) - 'a' + 10 : 99;
                    if (v >= radix) return null;
                    value = value * radix + v;
                }
                return value;
            }
            if (digits.Length > 2 && digits[0] == '0' && char.ToLowerInvariant(digits[1]) is 'x' or 'o' or 'b')
                return Base(digits[2..], char.ToLowerInvariant(digits[1]) switch { 'x' => 16, 'o' => 8, _ => 2 });
            // Python 3 refuses leading zeros (017) except in zero itself (00).
            if (digits.All(char.IsAsciiDigit) && (digits[0] != '0' || digits.All(c => c == '0'))) return Base(digits, 10);
            return null;
        }

        /// <summary>r'…', u'…' (b'…' and f'…' are no text literal here).</summary>
        private bool StringPrefix()
        {
            var j = _i;
            while (j < text.Length && char.IsAsciiLetter(text[j])) j++;
            var prefix = text[_i..j].ToLowerInvariant();
            if (j >= text.Length || text[j] is not ('\'' or '"') || prefix is not ("r" or "u")) return false;
            return true;
        }

        /// <summary>One or more adjacent string literals ('a' "b" is "ab").</summary>
        private string Strings()
        {
            var result = new StringBuilder();
            do
            {
                var raw = false;
                if (char.IsAsciiLetter(Peek)) { raw = char.ToLowerInvariant(Peek) == 'r'; _i++; }
                result.Append(OneString(raw));
                SkipBlank();
            }
            while (Peek is '\'' or '"' || (char.IsAsciiLetter(Peek) && StringPrefix()));
            return result.ToString();
        }

        private string OneString(bool raw)
        {
            var quote = text[_i];
            var triple = _i + 2 < text.Length && text[_i + 1] == quote && text[_i + 2] == quote;
            _i += triple ? 3 : 1;
            var sb = new StringBuilder();
            while (true)
            {
                if (_i >= text.Length) throw No();
                var c = text[_i];
                if (c == quote && (!triple || (_i + 2 < text.Length && text[_i + 1] == quote && text[_i + 2] == quote)))
                {
                    _i += triple ? 3 : 1;
                    return sb.ToString();
                }
                if (c == '\\' && _i + 1 < text.Length)
                {
                    if (raw) { sb.Append(c).Append(text[_i + 1]); _i += 2; continue; }
                    _i++;
                    sb.Append(Escape());
                    continue;
                }
                sb.Append(c);
                _i++;
            }
        }

        private string Escape()
        {
            var c = text[_i++];
            string Hex(int length)
            {
                if (_i + length > text.Length || !int.TryParse(text.AsSpan(_i, length), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code) || code > 0x10FFFF) throw No();
                _i += length;
                return char.ConvertFromUtf32(code);
            }
            return c switch
            {
                'n' => "\n", 't' => "\t", 'r' => "\r", '0' => "\0", 'a' => "\a", 'b' => "\b", 'f' => "\f", 'v' => "\v",
                '\\' or '\'' or '"' => c.ToString(),
                'x' => Hex(2),
                'u' => Hex(4),
                'U' => Hex(8),
                _ => "\\" + c,
            };
        }
    }
}
