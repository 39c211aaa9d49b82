using System.Text.RegularExpressions;
using Provisioner.Templating;
using Provisioner.Yaml;

namespace Provisioner.Playbooks;

/// <summary>
/// For a <c>template</c> task: finds the file named by <c>src</c> (relative to the playbook's
/// directory, then its templates/ folder) and checks its Liquid syntax and variables, reporting
/// positions inside the template file.
/// </summary>
internal static partial class TemplateFileCheck
{
    public static IReadOnlyList<string> Candidates(string src, string baseDirectory) =>
        Path.IsPathRooted(src) ? [src] : [Path.Combine(baseDirectory, src), Path.Combine(baseDirectory, "templates", src)];

    public static void Check(MapNode renderedArgs, TaskSpec task, string baseDirectory, Vars vars, Diagnostics d)
    {
        if (renderedArgs.Get("src") is not ScalarNode { IsNull: false } src || TemplateEngine.IsTemplate(src.Value)) return;
        var candidates = Candidates(src.Value, baseDirectory);
        var file = candidates.FirstOrDefault(File.Exists);
        if (file is null)
        {
            d.Add(src.Span, $"template file '{src.Value}' not found", $"looked for {string.Join(" and ", candidates)}; src is relative to the playbook's directory or its templates/ folder");
            return;
        }
        var text = File.ReadAllText(file);
        var usedBy = $"(used by task '{task.Name}' at {task.Span})";
        if (TemplateEngine.SyntaxError(text) is { } error)
        {
            var (line, column) = ErrorPosition(error);
            d.Add(new SourceSpan(file, line, column), $"template syntax error: {error} {usedBy}", "fix the Liquid syntax of the template");
            return;
        }
        var r = TemplateEngine.Render(text, vars);
        if (r.Error is not null) d.Add(new SourceSpan(file, 1, 1), $"template error: {r.Error} {usedBy}", "fix the template");
        foreach (var name in r.Undefined)
        {
            var (line, column) = FirstUse(text, name);
            d.Add(new SourceSpan(file, line, column), $"undefined variable '{name}' {usedBy}", "define it in vars, vars_files, the inventory or with -e");
        }
    }

    /// <summary>Fluid reports "... at (line:column)"; without it the start of the file is the best we can say.</summary>
    private static (int Line, int Column) ErrorPosition(string error)
    {
        var m = Position().Match(error);
        return m.Success ? (int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value)) : (1, 1);
    }

    /// <summary>Where the name is first used inside a Liquid tag (plain text may hold the same word).</summary>
    private static (int Line, int Column) FirstUse(string text, string name)
    {
        var use = new Regex($@"(?<![A-Za-z0-9_.]){Regex.Escape(name)}(?![A-Za-z0-9_])");
        foreach (Match tag in Tag().Matches(text))
        {
            var m = use.Match(tag.Value);
            if (!m.Success) continue;
            var index = tag.Index + m.Index;
            var before = text[..index];
            return (before.Count(c => c == '\n') + 1, index - (before.LastIndexOf('\n') + 1) + 1);
        }
        return (1, 1);
    }

    [GeneratedRegex(@"\{\{.*?\}\}|\{%.*?%\}", RegexOptions.Singleline)]
    private static partial Regex Tag();

    [GeneratedRegex(@"\((\d+):(\d+)\)")]
    private static partial Regex Position();
}
