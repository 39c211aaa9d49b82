using Provisioner.Yaml;

namespace Provisioner.Modules;

/// <summary>
/// Typed access to a task's rendered arguments. Problems are collected (not thrown) so a task
/// reports every bad argument at once, each with its file:line:column.
/// </summary>
public sealed class ArgReader(MapNode args, Diagnostics diagnostics)
{
    public MapNode Args { get; } = args;
    /// <summary>Where relative src paths are looked up (the playbook's directory).</summary>
    public string BaseDirectory { get; init; } = ".";
    /// <summary>The host's variables, for modules that render files (template).</summary>
    public Templating.Vars? Vars { get; init; }
    /// <summary>True when the task runs as a notified handler (restart/reload only then).</summary>
    public bool Triggered { get; init; }
    /// <summary>The host's facts (package manager, SELinux mode) where binding depends on them.</summary>
    public HostFacts.Facts? Facts { get; init; }
    /// <summary>
    /// True when <c>provision validate</c> binds: files a task renders are checked by their own pass
    /// (with positions inside the file), not rendered again here.
    /// </summary>
    public bool Validating { get; init; }
    public Diagnostics Diagnostics { get; } = diagnostics;
    /// <summary>The module's argument spec (set by the module as it binds): where choices and defaults come from.</summary>
    public ArgSpec? Spec { get; internal set; }
    public SourceSpan Span => Args.Span;

    public bool Has(string name) => Args.Get(name) is { } n && !(n is ScalarNode s && s.IsNull);

    public bool IsSecret(string name) => Args.Get(name)?.ContainsSecret ?? false;

    public string? Str(string name)
    {
        switch (Args.Get(name))
        {
            case null: return null;
            case ScalarNode s when s.IsNull: return null;
            case ScalarNode s: return s.Value;
            case var other:
                Diagnostics.Add(other.Span, $"'{name}' must be a string", $"write {name}: VALUE");
                return null;
        }
    }

    /// <summary>A required argument; a <paramref name="type"/> with rules of its own (<see cref="ArgValue"/>) is checked against them.</summary>
    public string Required(string name, ArgType type = ArgType.String)
    {
        if (type != ArgType.String && Has(name)) return Checked(name, type) ?? "";
        var v = Str(name);
        if (v is null && Args.Get(name) is not (ListNode or MapNode))
            Diagnostics.Add(Span, $"missing required argument '{name}'", $"add {name}: VALUE");
        return v ?? "";
    }

    public bool Bool(string name, bool fallback)
    {
        var v = Str(name);
        if (v is null) return fallback;
        if (TryBool(v, out var b)) return b;
        Diagnostics.Add(Args.Get(name)!.Span, $"'{name}' must be true or false, not '{v}'", $"write {name}: true or {name}: false");
        return fallback;
    }

    public int Int(string name, int fallback)
    {
        var v = Str(name);
        if (v is null) return fallback;
        if (int.TryParse(v, out var i)) return i;
        Diagnostics.Add(Args.Get(name)!.Span, $"'{name}' must be a whole number, not '{v}'", $"write {name}: 30");
        return fallback;
    }

    /// <summary>One of the argument's choices, or its default, as its spec says.</summary>
    public string Choice(string name)
    {
        var def = Def(name);
        var choices = def.Choices?.ToArray() ?? [];
        return Choice(name, def.Default ?? choices.FirstOrDefault() ?? "", choices);
    }

    /// <summary>A boolean, or its default (false unless the spec says otherwise).</summary>
    public bool Bool(string name) => Bool(name, Def(name).Default is { } d && TryBool(d, out var b) && b);

    /// <summary>A whole number, or its default as the spec says.</summary>
    public int Int(string name) => Int(name, int.Parse(Def(name).Default ?? "0", System.Globalization.CultureInfo.InvariantCulture));

    private ArgDef Def(string name) => Spec?.Find(name) ?? throw new InvalidOperationException($"argument '{name}' is not in the module's spec");

    public string Choice(string name, string fallback, params string[] choices)
    {
        var v = Str(name) ?? fallback;
        if (choices.Contains(v)) return v;
        Diagnostics.Add(Args.Get(name)?.Span ?? Span, $"'{name}' must be one of {string.Join(", ", choices)}, not '{v}'",
            Suggest.DidYouMean(v, choices) is { } s ? $"did you mean '{s}'?" : $"use one of {string.Join(", ", choices)}");
        return fallback;
    }

    /// <summary>A list of strings; a single scalar counts as a one-item list.</summary>
    public IReadOnlyList<string> List(string name)
    {
        switch (Args.Get(name))
        {
            case null: return [];
            case ScalarNode s when s.IsNull: return [];
            case ScalarNode s: return [s.Value];
            case ListNode l:
                var items = new List<string>();
                foreach (var item in l.Items)
                {
                    if (item is ScalarNode si) items.Add(si.Value);
                    else Diagnostics.Add(item.Span, $"'{name}' must be a list of strings", "write each item as plain text");
                }
                return items;
            case var other:
                Diagnostics.Add(other.Span, $"'{name}' must be a list", $"write {name}: [a, b]");
                return [];
        }
    }

    public MapNode? Map(string name)
    {
        switch (Args.Get(name))
        {
            case null: return null;
            case ScalarNode s when s.IsNull: return null;
            case MapNode m: return m;
            case var other:
                Diagnostics.Add(other.Span, $"'{name}' must be a mapping", $"write {name}: {{ key: value }}");
                return null;
        }
    }

    /// <summary>A file mode written as octal text ("0644", "644"; "u=rw" is refused with its octal form).</summary>
    public string? Mode(string name) => Checked(name, ArgType.Mode) is { } v ? ArgValue.Mode(v) : null;

    /// <summary>An absolute path on the host, without control characters.</summary>
    public string? Path(string name) => Checked(name, ArgType.Path);

    /// <summary>A path that may be relative (to the playbook, or a link's target), without control characters.</summary>
    public string? SourcePath(string name) => Checked(name, ArgType.SourcePath);

    /// <summary>A user or group name, or a numeric id.</summary>
    public string? Account(string name) => Checked(name, ArgType.Account);

    /// <summary>The text of an argument whose kind has rules (<see cref="ArgValue"/>); null, with a diagnostic, when it breaks them.</summary>
    private string? Checked(string name, ArgType type)
    {
        var v = Str(name);
        if (v is null || ArgValue.Check(type, name, v) is not { } problem) return v;
        Diagnostics.Add(Args.Get(name)!.Span, $"'{name}' {problem.Message}", problem.Fix);
        return null;
    }

    public static bool TryBool(string v, out bool b)
    {
        var read = BooleanWords.Read(v);
        b = read ?? false;
        return read is not null;
    }
}
