using System.Text.RegularExpressions;

namespace Provisioner.Templating;

/// <summary>
/// Measures a template's nesting before Fluid sees it. Fluid's parser and renderer recurse once per
/// nested block, bracket and chained filter or operator, so a few thousand of them overflow the
/// stack — a crash no catch can stop. Strings inside tags are skipped; raw and comment bodies are text.
/// </summary>
internal static partial class TemplateShape
{
    private static readonly HashSet<string> Blocks = ["if", "unless", "for", "case", "capture", "tablerow", "ifchanged"];

    /// <summary>The deepest point (blocks + brackets + expression terms), or the first limit the text exceeds.</summary>
    public static (int Depth, TemplateProblem? Problem) Measure(string text)
    {
        var (blocks, deepest, i) = (0, 0, 0);
        while ((i = text.IndexOf('{', i)) >= 0 && i + 1 < text.Length)
        {
            var open = i;
            if (text[i + 1] is not ('{' or '%')) { i++; continue; }
            var tag = Tag(text, i + 2, text[i + 1] == '%' ? '%' : '}');
            i = tag.End;
            if (text[open + 1] == '%')
            {
                if (tag.Name is "raw" or "comment") { i = SkipTo(text, i, "end" + tag.Name); continue; }
                if (tag.Name.StartsWith('#')) continue;
                if (Blocks.Contains(tag.Name)) blocks++;
                else if (tag.Name.StartsWith("end", StringComparison.Ordinal)) blocks = Math.Max(0, blocks - 1);
            }
            if (blocks + tag.Brackets > TemplateLimits.MaxNesting)
                return (0, TemplateProblem.At(text, open, TemplateLimits.Nesting().Message, TemplateLimits.Fix));
            if (tag.Terms > TemplateLimits.MaxExpression)
                return (0, TemplateProblem.At(text, open, $"an expression chains more than {TemplateLimits.MaxExpression} filters and operators (limit)", TemplateLimits.Fix));
            deepest = Math.Max(deepest, blocks + tag.Brackets + tag.Terms);
        }
        return (deepest, null);
    }

    private sealed record TagShape(int End, string Name, int Brackets, int Terms);

    /// <summary>Reads one tag from just inside its opening delimiter to just past its closing one.</summary>
    private static TagShape Tag(string text, int start, char close)
    {
        var (i, depth, deepest, terms) = (start, 0, 0, 0);
        var name = Word().Match(text, start) is { Success: true } w && w.Index == start ? w.Groups[1].Value : "";
        while (i < text.Length)
        {
            var c = text[i];
            if (c == close && i + 1 < text.Length && text[i + 1] == '}') return new(i + 2, name, deepest, terms);
            if (c is '"' or '\'') { var end = text.IndexOf(c, i + 1); i = end < 0 ? text.Length : end + 1; continue; }
            if (c is '[' or '(') deepest = Math.Max(deepest, ++depth);
            else if (c is ']' or ')') depth = Math.Max(0, depth - 1);
            else if (c == '|') terms++;
            else if (c is '=' or '!' or '<' or '>') { terms++; while (i + 1 < text.Length && text[i + 1] is '=' or '>') i++; }
            else if (char.IsAsciiLetter(c) && (i == 0 || !IsIdentifier(text[i - 1])))
            {
                var end = i;
                while (end < text.Length && IsIdentifier(text[end])) end++;
                if (text.AsSpan(i, end - i) is "and" or "or" or "contains") terms++;
                i = end;
                continue;
            }
            i++;
        }
        return new(text.Length, name, deepest, terms);
    }

    private static bool IsIdentifier(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '?';

    private static int SkipTo(string text, int from, string endTag)
    {
        var m = new Regex(@"\{%-?\s*" + endTag + @"\s*-?%\}").Match(text, from);
        return m.Success ? m.Index + m.Length : text.Length;
    }

    [GeneratedRegex(@"-?\s*([A-Za-z_#][A-Za-z0-9_]*)")]
    private static partial Regex Word();
}
