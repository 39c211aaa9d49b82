using Fluid.Values;

namespace Provisioner.Templating;

/// <summary>
/// The values of names the user wrote, for a template context. A string in them that is itself a
/// template (<c>mail_fqdn: "mail.{{ domain }}"</c>) is rendered when a template reads it, once, and
/// never before: a variable nobody reads cannot fail a run, and rendered output is never rendered
/// again (what a template prints is text, even when it contains <c>{{</c>). A value rendered from a
/// secret — its text is one, or it printed one — is registered as a secret itself.
/// </summary>
internal static class UserValues
{
    private const string VariableFix = "fix the template in that variable's value";

    public static FluidValue For(string name, object? value, Vars vars, RenderContext context, Action<string> undefined) =>
        HasTemplate(value)
            ? FluidValue.Create(Lazy(name, value, vars, context, undefined), context.Options)
            : FluidValue.Create(value, context.Options);

    /// <summary>The value with every template string in it rendered, for whole-value references.</summary>
    public static object? Resolved(string name, object? value, Vars vars) => Map(name, value, (path, text) => Variable(path, () =>
        Tainted(text, TemplateEngine.TryWholeValue(text, vars, out var whole) ? whole : Rendered(text, vars, Undefined), vars.Secrets)));

    // A whole value has no render to report an undefined name to: the caller's render does.
    private static void Undefined(string name) => throw new TemplateException($"undefined variable '{name}'", VariableFix) { Undefined = name };

    private static object? Lazy(string name, object? value, Vars vars, RenderContext context, Action<string> undefined) =>
        Map(name, value, (path, text) => context.Lazy(text, () => Variable(path, () =>
            TemplateEngine.TryWholeValue(text, vars, out var whole)
                ? FluidValue.Create(Tainted(text, whole, vars.Secrets), context.Options)
                : new StringValue((string)Tainted(text, Rendered(text, vars, undefined), vars.Secrets)!))));

    /// <summary>The value with each template string in it replaced by <paramref name="leaf"/>(its path, its text).</summary>
    private static object? Map(string name, object? value, Func<string, string, object?> leaf) => value switch
    {
        string s when TemplateEngine.IsTemplate(s) => leaf(name, s),
        IReadOnlyDictionary<string, object?> d => d.ToDictionary(kv => kv.Key, kv => Map($"{name}.{kv.Key}", kv.Value, leaf)),
        IReadOnlyList<object?> l => l.Select((v, i) => Map($"{name}[{i}]", v, leaf)).ToList(),
        _ => value,
    };

    private static bool HasTemplate(object? value) => value switch
    {
        string s => TemplateEngine.IsTemplate(s),
        IReadOnlyDictionary<string, object?> d => d.Values.Any(HasTemplate),
        IReadOnlyList<object?> l => l.Any(HasTemplate),
        _ => false,
    };

    /// <summary>Registers what <paramref name="source"/> rendered to when the source or the result holds a secret.</summary>
    private static object? Tainted(string source, object? value, SecretSet secrets)
    {
        var sourceSecret = secrets.Contains(source);
        foreach (var text in Vars.Strings(value))
            if (sourceSecret || secrets.Contains(text)) secrets.Add(text);
        return value;
    }

    private static string Rendered(string text, Vars vars, Action<string> undefined)
    {
        var result = TemplateEngine.Render(text, vars);
        foreach (var name in result.Undefined) undefined(name);
        // The undefined names reach the outer render's list, which reports them by name.
        if (result.Error is not null) throw new TemplateException(RenderBudget.Run(b => b.Attribute(result.Error)), result.Fix ?? VariableFix);
        return result.Text ?? "";
    }

    private static T Variable<T>(string name, Func<T> resolve) => RenderBudget.Run(budget => budget.Variable(name, resolve));
}
