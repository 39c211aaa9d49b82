using System.Text.RegularExpressions;
using Fluid;
using Fluid.Values;

namespace Provisioner.Templating;

/// <summary>Result of rendering one text: the text, or an error; plus every undefined name it used.</summary>
public sealed record RenderResult(string? Text, string? Error, IReadOnlyList<string> Undefined)
{
    public bool Ok => Error is null && Undefined.Count == 0;
    public string Problem => Error ?? $"undefined variable{(Undefined.Count > 1 ? "s" : "")} {string.Join(", ", Undefined.Select(u => $"'{u}'"))}";

    /// <summary>What to do about <see cref="Error"/>, where the engine knows (a limit, a filter's name); else null.</summary>
    public string? Fix { get; init; }
}

/// <summary>
/// Liquid (Fluid) rendering for task arguments, conditions and template files (parsed once per text,
/// <see cref="ParsedTemplates"/>). Undefined variables are errors, never silently empty; every render
/// stays within <see cref="TemplateLimits"/>, shared with the variables it renders inside it.
/// </summary>
public static partial class TemplateEngine
{
    private static TemplateOptions Options => ParsedTemplates.Options;

    public static bool IsTemplate(string text) => text.Contains("{{", StringComparison.Ordinal) || text.Contains("{%", StringComparison.Ordinal);

    /// <summary>What keeps a text from rendering whatever the variables: syntax, a limit, an unknown filter; null when nothing does.</summary>
    public static TemplateProblem? Check(string text) => ParsedTemplates.Get(text).Problem;

    /// <summary>Renders a text once; variables the user wrote are rendered as they are read (<see cref="UserValues"/>).</summary>
    public static RenderResult Render(string text, Vars vars)
    {
        if (!IsTemplate(text)) return new RenderResult(text, null, []);
        var parsed = ParsedTemplates.Get(text);
        if (parsed.Problem is { } found)
        {
            var problem = vars.Secrets.Contains(text) ? found.InSecret() : found;
            return new RenderResult(null, problem.Message, []) { Fix = problem.Fix };
        }
        return RenderBudget.Run(budget => Render(parsed, vars, budget));
    }

    private static RenderResult Render(ParsedTemplate parsed, Vars vars, RenderBudget budget)
    {
        var undefined = new List<string>();
        var context = new RenderContext(new VarsModel(vars, undefined.Add), Options, vars.Secrets, budget);
        var (buffer, output) = ChargingWriter.Output();
        try
        {
            budget.Render(context, parsed.Nesting, () =>
            {
                // Nothing a template reads is asynchronous, so this completes at once, on this thread.
                var rendering = parsed.Template!.RenderAsync(output, context, NullEncoder.Default);
                if (!rendering.IsCompletedSuccessfully) rendering.AsTask().GetAwaiter().GetResult();
                return true;
            });
            return new RenderResult(buffer.ToString(), null, undefined.Distinct().ToList());
        }
        catch (TemplateException ex) when (ex.Undefined is { } name)
        {
            undefined.Add(name);
            return new RenderResult(null, null, undefined.Distinct().ToList());
        }
        catch (Exception ex) when (RenderErrors.Describe(ex, context) is { } error)
        {
            return new RenderResult(null, error.Message, undefined.Distinct().ToList()) { Fix = error.Fix };
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
        if (!vars.TryResolve(path, out var found)) return false;
        if (vars.Templated.Contains(path.Split('.')[0]))
        {
            // Inside a render the error travels up to it; the outermost caller renders the text
            // instead, which reports the error at the reference. Catching at every level would
            // retry every level: twice the work per variable, exponential down a chain.
            var outermost = !RenderBudget.IsOpen;
            try { found = RenderBudget.Run(_ => UserValues.Resolved(path, found, vars)); }
            catch (TemplateException) when (outermost) { return false; }
        }
        value = found;
        return true;
    }

    /// <summary>Evaluates a Liquid condition such as <c>facts.os_family == "debian"</c>.</summary>
    public static (bool Value, string? Error, IReadOnlyList<string> Undefined) Condition(string expression, Vars vars)
    {
        var result = Render("{% if " + expression + " %}1{% else %}0{% endif %}", vars);
        if (result.Error is not null) return (false, $"condition '{expression}': {result.Error}", result.Undefined);
        return (result.Text == "1", null, result.Undefined);
    }

    /// <summary>
    /// Conditions that must all hold, evaluated in order until one does not or cannot be (a false
    /// import condition guards its tasks' own, as Ansible's list of conditions is evaluated).
    /// </summary>
    public static (bool Value, string? Error, IReadOnlyList<string> Undefined) AllHold(IReadOnlyList<string> expressions, Vars vars)
    {
        foreach (var expression in expressions)
        {
            var result = Condition(expression, vars);
            if (!result.Value || result.Error is not null || result.Undefined.Count > 0) return result;
        }
        return (true, null, []);
    }

    [GeneratedRegex(@"^\s*\{\{\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+|\[[A-Za-z_][A-Za-z0-9_.]*\])*)\s*\}\}\s*$")]
    private static partial Regex WholeRef();

    [GeneratedRegex(@"\[([A-Za-z_][A-Za-z0-9_.]*)\]")]
    private static partial Regex IndexRef();
}
