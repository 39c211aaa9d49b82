using Fluid;
using Fluid.Values;

namespace Provisioner.Templating;

/// <summary>
/// The values of names the user wrote, for a template context. A string in them that is itself a
/// template (<c>mail_fqdn: "mail.{{ domain }}"</c>) is rendered when a template reads it, once, and
/// never before: a variable nobody reads cannot fail a run, and rendered output is never rendered
/// again (what a template prints is text, even when it contains <c>{{</c>).
/// </summary>
internal static class UserValues
{
    /// <summary>The names being resolved on this thread, to name a variable that refers to itself.</summary>
    [ThreadStatic] private static List<string>? _resolving;

    public static FluidValue For(string name, object? value, Vars vars, TemplateOptions options, Action<string> undefined) =>
        HasTemplate(value)
            ? FluidValue.Create(Lazy(name, value, vars, options, undefined), options)
            : FluidValue.Create(value, options);

    /// <summary>The value with every template string in it rendered, for whole-value references.</summary>
    public static object? Resolved(string name, object? value, Vars vars) => Map(name, value, (path, text) => Guarded(path, () =>
        TemplateEngine.TryWholeValue(text, vars, out var whole) ? whole : Rendered(text, vars, Undefined)));

    // A whole value has no render to report an undefined name to: the caller's render does.
    private static void Undefined(string name) => throw new InvalidOperationException($"undefined variable '{name}'");

    private static object? Lazy(string name, object? value, Vars vars, TemplateOptions options, Action<string> undefined) =>
        Map(name, value, (path, text) => new FactoryValue(() => Guarded(path, () =>
            TemplateEngine.TryWholeValue(text, vars, out var whole) ? FluidValue.Create(whole, options) : new StringValue(Rendered(text, vars, undefined)))));

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

    private static string Rendered(string text, Vars vars, Action<string> undefined)
    {
        var result = TemplateEngine.Render(text, vars);
        foreach (var name in result.Undefined) undefined(name);
        // The undefined names reach the outer render's list, which reports them by name.
        if (result.Error is not null) throw new InvalidOperationException(result.Error);
        return result.Text ?? "";
    }

    private static T Guarded<T>(string name, Func<T> resolve)
    {
        var resolving = _resolving ??= [];
        if (resolving.Contains(name))
            throw new InvalidOperationException($"variable '{name}' refers to itself ({string.Join(" → ", resolving.SkipWhile(n => n != name).Append(name))})");
        resolving.Add(name);
        try { return resolve(); }
        finally { resolving.RemoveAt(resolving.Count - 1); }
    }
}
