using System.Text.RegularExpressions;
using Provisioner.Templating;
using Provisioner.Yaml;

namespace Provisioner.Playbooks;

/// <summary>
/// For an argument naming a template file (<see cref="Modules.ArgType.TemplateFile"/>, template's <c>src</c>):
/// finds the file (relative to the playbook's directory, then its templates/ folder) and checks its
/// Liquid syntax and variables, reporting positions inside the template file.
/// </summary>
internal static partial class TemplateFileCheck
{
    public static IReadOnlyList<string> Candidates(string src, string baseDirectory) =>
        Path.IsPathRooted(src) ? [src] : [Path.Combine(baseDirectory, src), Path.Combine(baseDirectory, "templates", src)];

    public static void Check(MapNode renderedArgs, string argument, TaskSpec task, string baseDirectory, Vars vars, Diagnostics d)
    {
        if (renderedArgs.Get(argument) is not ScalarNode { IsNull: false } src || TemplateEngine.IsTemplate(src.Value)) return;
        var candidates = Candidates(src.Value, baseDirectory);
        var file = candidates.FirstOrDefault(File.Exists);
        if (file is null)
        {
            d.Add(src.Span, $"template file '{src.Value}' not found", $"looked for {string.Join(" and ", candidates)}; src is relative to the playbook's directory or its templates/ folder");
            return;
        }
        if (InputFile.ReadText(file, d, src.Span) is not { } text) return;
        var usedBy = $"(used by task '{task.Name}' at {task.Span})";
        if (TemplateEngine.Check(text) is { } problem)
        {
            d.Add(new SourceSpan(file, problem.Line, problem.Column), $"{problem.Message} {usedBy}", problem.Fix);
            return;
        }
        var r = TemplateEngine.Render(text, vars);
        if (r.Error is not null)
        {
            var (line, column) = ErrorPosition(text, r.Error);
            d.Add(new SourceSpan(file, line, column), $"template error: {r.Error} {usedBy}", r.Fix ?? "fix the template");
        }
        foreach (var name in r.Undefined)
        {
            var (line, column) = FirstUse(text, name);
            d.Add(new SourceSpan(file, line, column), $"undefined variable '{name}' {usedBy}", "define it in vars, vars_files, the inventory or with -e");
        }
    }

    /// <summary>
    /// Where a render error is, as far as the text tells: a division by zero at the first division
    /// (by a literal 0 if there is one); anything else at the start of the file.
    /// </summary>
    private static (int Line, int Column) ErrorPosition(string text, string error)
    {
        if (!error.StartsWith("division by zero", StringComparison.Ordinal)) return (1, 1);
        var m = DivisionByZero().Match(text) is { Success: true } zero ? zero : Division().Match(text);
        return m.Success ? TemplateProblem.Position(text, m.Index) : (1, 1);
    }

    /// <summary>Where the name is first used inside a Liquid tag (plain text may hold the same word).</summary>
    private static (int Line, int Column) FirstUse(string text, string name)
    {
        var use = new Regex($@"(?<![A-Za-z0-9_.]){Regex.Escape(name)}(?![A-Za-z0-9_])");
        foreach (Match tag in Tag().Matches(text))
        {
            var m = use.Match(tag.Value);
            if (!m.Success) continue;
            return TemplateProblem.Position(text, tag.Index + m.Index);
        }
        return (1, 1);
    }

    [GeneratedRegex(@"\{\{.*?\}\}|\{%.*?%\}", RegexOptions.Singleline)]
    private static partial Regex Tag();

    [GeneratedRegex(@"\b(?:divided_by|modulo)\s*:\s*0+(?:\.0*)?(?![\d.])")]
    private static partial Regex DivisionByZero();

    [GeneratedRegex(@"\b(?:divided_by|modulo)\b")]
    private static partial Regex Division();
}
