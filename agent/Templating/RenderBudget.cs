using System.Runtime.CompilerServices;

namespace Provisioner.Templating;

/// <summary>
/// What one render may spend, shared with every render nested inside it (the values of variables it
/// reads are templates rendered on the same thread, in the same stack), so a variable that reads ten
/// variables that each read ten more is bounded as a whole, not level by level.
/// </summary>
internal sealed class RenderBudget
{
    [ThreadStatic] private static RenderBudget? _current;

    private readonly List<RenderContext> _open = [];
    private readonly List<string> _variables = [];
    private int _steps, _nesting, _renders;
    private long _text;

    /// <summary>Runs <paramref name="body"/> within the budget of the render in progress on this thread, or a new one.</summary>
    public static T Run<T>(Func<RenderBudget, T> body)
    {
        if (_current is { } open) return body(open);
        _current = new RenderBudget();
        try { return body(_current); }
        finally { _current = null; }
    }

    public static bool IsOpen => _current is not null;

    /// <summary>The variables being rendered, outermost first, as a message names them.</summary>
    public string Chain => string.Join(" → ", _variables);

    /// <summary>An error from inside a variable's value, naming the variables it was reached through (once, innermost).</summary>
    public string Attribute(string error) => error.Contains("variable", StringComparison.Ordinal) ? error : $"{error} in variable {Chain}";

    /// <summary>Renders one template as part of this budget: its nesting adds up, its steps carry on.</summary>
    public T Render<T>(RenderContext context, int nesting, Func<T> render)
    {
        if (_nesting + nesting > TemplateLimits.MaxTotalNesting) throw TemplateLimits.TotalNesting();
        context.Steps = _open.Count > 0 ? _open[^1].Steps : _steps;
        _nesting += nesting;
        _open.Add(context);
        try { return render(); }
        finally
        {
            _open.RemoveAt(_open.Count - 1);
            _nesting -= nesting;
            if (_open.Count > 0) _open[^1].Steps = context.Steps;
            else _steps = context.Steps;
        }
    }

    /// <summary>Resolves one variable's value, refusing cycles, long chains and runaway fan-out.</summary>
    public T Variable<T>(string name, Func<T> resolve)
    {
        if (_variables.Contains(name))
            throw new TemplateException($"variable '{name}' refers to itself ({string.Join(" → ", _variables.SkipWhile(n => n != name).Append(name))})",
                "a variable's value must not read the variable itself, directly or through others");
        if (_variables.Count >= TemplateLimits.MaxVariableDepth) throw TemplateLimits.VariableDepth($"{Chain} → {name}");
        if (++_renders > TemplateLimits.MaxVariableRenders) throw TemplateLimits.VariableRenders();
        // The limits above keep within the stack; this is the guard should a thread have less of it.
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack()) throw TemplateLimits.TotalNesting();
        _variables.Add(name);
        try { return resolve(); }
        finally { _variables.RemoveAt(_variables.Count - 1); }
    }

    /// <summary>Counts text made anywhere in the render: output, captured text, filter results.</summary>
    public void Text(int chars)
    {
        _text += chars;
        if (_text > TemplateLimits.MaxTextChars) throw TemplateLimits.Text();
    }
}
