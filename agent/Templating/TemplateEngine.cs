using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Fluid;
using Fluid.Values;

namespace Provisioner.Templating;

/// <summary>Result of rendering one text: the text, or an error; plus every undefined name it used.</summary>
public sealed record RenderResult(string? Text, string? Error, IReadOnlyList<string> Undefined)
{
    public bool Ok => Error is null && Undefined.Count == 0;
    public string Problem => Error ?? $"undefined variable{(Undefined.Count > 1 ? "s" : "")} {string.Join(", ", Undefined.Select(u => $"'{u}'"))}";
}

/// <summary>
/// Liquid (Fluid) rendering for task arguments, conditions and template files. Parsed templates are
/// cached by text. Undefined variables are errors, never silently empty.
/// </summary>
public static partial class TemplateEngine
{
    private static readonly FluidParser Parser = new();
    private static readonly ConcurrentDictionary<string, (IFluidTemplate? Template, string? Error)> Cache = new();

    public static bool IsTemplate(string text) => text.Contains("{{", StringComparison.Ordinal) || text.Contains("{%", StringComparison.Ordinal);

    public static string? SyntaxError(string text) => Parse(text).Error;

    /// <summary>Renders a text once; variables the user wrote are rendered as they are read (<see cref="UserValues"/>).</summary>
    public static RenderResult Render(string text, Vars vars)
    {
        if (!IsTemplate(text)) return new RenderResult(text, null, []);
        var (template, error) = Parse(text);
        if (template is null) return new RenderResult(null, error, []);
        var undefined = new List<string>();
        var options = new TemplateOptions();
        options.Undefined = name =>
        {
            undefined.Add(name);
            return new ValueTask<FluidValue>(NilValue.Instance);
        };
        var context = new TemplateContext(options);
        foreach (var (k, v) in vars.Values)
            context.SetValue(k, k == "facts" ? FactReads.Wrap(v, options)
                : vars.Templated.Contains(k) ? UserValues.For(k, v, vars, options, undefined.Add)
                : FluidValue.Create(v, options));
        try
        {
            var text2 = template.Render(context);
            return new RenderResult(text2, null, undefined.Distinct().ToList());
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or ParseException)
        {
            return new RenderResult(null, ex.Message, undefined);
        }
    }

    /// <summary>
    /// A text that is exactly one variable reference (<c>{{ users }}</c>) yields the variable's value
    /// itself, so lists and mappings can be passed through, as Ansible users expect.
    /// </summary>
    public static bool TryWholeValue(string text, Vars vars, out object? value)
    {
        value = null;
        var m = WholeRef().Match(text);
        if (!m.Success) return false;
        // packages[facts.os_family] → packages.debian: an index that is itself a variable path.
        var path = IndexRef().Replace(m.Groups[1].Value, ix => vars.TryResolve(ix.Groups[1].Value, out var key) && key is not null ? "." + key : ".\0");
        if (!vars.TryResolve(path, out value)) return false;
        if (vars.Templated.Contains(path.Split('.')[0]))
        {
            try { value = UserValues.Resolved(path, value, vars); }
            catch (InvalidOperationException) { return false; } // Render reports it, at the reference
        }
        return true;
    }

    /// <summary>Evaluates a Liquid condition such as <c>facts.os_family == "debian"</c>.</summary>
    public static (bool Value, string? Error, IReadOnlyList<string> Undefined) Condition(string expression, Vars vars)
    {
        var result = Render("{% if " + expression + " %}1{% else %}0{% endif %}", vars);
        if (result.Error is not null) return (false, $"condition '{expression}': {result.Error}", result.Undefined);
        return (result.Text == "1", null, result.Undefined);
    }

    private static (IFluidTemplate? Template, string? Error) Parse(string text) =>
        Cache.GetOrAdd(text, t => Parser.TryParse(t, out var template, out var error) ? (template, null) : (null, error));

    [GeneratedRegex(@"^\s*\{\{\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+|\[[A-Za-z_][A-Za-z0-9_.]*\])*)\s*\}\}\s*$")]
    private static partial Regex WholeRef();

    [GeneratedRegex(@"\[([A-Za-z_][A-Za-z0-9_.]*)\]")]
    private static partial Regex IndexRef();
}
