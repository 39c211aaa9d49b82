using Provisioner.Modules;
using Provisioner.Yaml;

namespace Provisioner.Playbooks;

/// <summary>
/// Checks literal arguments against a module's or probe's <see cref="ArgSpec"/>: unknown names,
/// missing required ones, one-of groups, literal types and choices. Values that contain a template
/// are only known per host, so their type is checked when they are bound at run time.
/// </summary>
internal static class ArgChecker
{
    public static void Check(string owner, ScalarNode ownerKey, MapNode args, ArgSpec spec, Diagnostics d)
    {
        var names = spec.Args.Select(a => a.Name).ToList();
        foreach (var (key, value) in args.Entries)
        {
            if (spec.Find(key.Value) is { } def) CheckValue(owner, def, value, d);
            else d.Add(key.Span, $"unknown argument '{key.Value}' for {owner}", NodeRead.Hint(key.Value, names));
        }
        foreach (var def in spec.Args.Where(a => a.Required && !Present(args, a.Name)))
            d.Add(ownerKey.Span, $"{owner} needs argument '{def.Name}'", $"add {def.Name}: VALUE{Help(def)}");
        foreach (var group in spec.ExactlyOneOf)
        {
            var given = group.Where(n => Present(args, n)).ToList();
            if (given.Count == 0)
                d.Add(ownerKey.Span, $"{owner} needs one of {string.Join(", ", group.Select(g => $"'{g}'"))}", "add exactly one of them");
            else if (given.Count > 1)
                Exclusive(owner, args, given, d);
        }
        foreach (var group in spec.MutuallyExclusive)
        {
            var given = group.Where(n => Present(args, n)).ToList();
            if (given.Count > 1) Exclusive(owner, args, given, d);
        }
    }

    private static void Exclusive(string owner, MapNode args, List<string> given, Diagnostics d) =>
        d.Add(args.KeyNode(given[1])!.Span, $"'{given[0]}' and '{given[1]}' cannot be used together in {owner}", "keep only one of them");

    private static bool Present(MapNode args, string name) => args.Get(name) is { } n && n is not ScalarNode { IsNull: true };

    private static string Help(ArgDef def) => def.Help is null ? "" : $" ({def.Help})";

    /// <summary>
    /// Checks arguments after they were rendered for one host (probes, which are not bound before they
    /// run): every value is now literal, so types and choices are known.
    /// </summary>
    public static void CheckRendered(string owner, MapNode args, ArgSpec spec, Diagnostics d)
    {
        foreach (var (key, value) in args.Entries)
            if (spec.Find(key.Value) is { } def) CheckValue(owner, def, value, d);
    }

    private static void CheckValue(string owner, ArgDef def, Node value, Diagnostics d)
    {
        if (value is ScalarNode { IsNull: true } || NodeRead.HasTemplate(value)) return;
        var name = def.Name;
        switch (def.Type)
        {
            case ArgType.String or ArgType.Path or ArgType.SourcePath or ArgType.TemplateFile or ArgType.Mode or ArgType.Account or ArgType.Port when value is not ScalarNode:
                d.Add(value.Span, $"'{name}' of {owner} must be a single value, not {NodeRead.Describe(value)}", $"write {name}: VALUE{Help(def)}");
                return;
            case ArgType.Bool when value is not ScalarNode sb || !ArgReader.TryBool(sb.Value, out _):
                d.Add(value.Span, $"'{name}' of {owner} must be true or false, not {NodeRead.Describe(value)}", $"write {name}: true or {name}: false");
                return;
            case ArgType.Int when value is not ScalarNode si || !long.TryParse(si.Value, out _):
                d.Add(value.Span, $"'{name}' of {owner} must be a whole number, not {NodeRead.Describe(value)}", $"write {name}: 25");
                return;
            case ArgType.List when value is MapNode:
                d.Add(value.Span, $"'{name}' of {owner} must be a list, not a mapping", $"write {name}: [a, b]");
                return;
            case ArgType.Map when value is not MapNode:
                d.Add(value.Span, $"'{name}' of {owner} must be a mapping, not {NodeRead.Describe(value)}", $"write {name}: {{ key: value }}");
                return;
            case var type when value is ScalarNode text && ArgValue.Check(type, name, text.Value) is { } problem:
                d.Add(value.Span, $"'{name}' of {owner} {problem.Message}", problem.Fix);
                return;
        }
        if (def.Choices is { Count: > 0 } choices && value is ScalarNode s && !choices.Contains(s.Value))
            d.Add(s.Span, $"'{name}' of {owner} must be one of {string.Join(", ", choices)}, not '{s.Value}'",
                Suggest.DidYouMean(s.Value, choices) is { } m ? $"did you mean '{m}'?" : $"use one of: {string.Join(", ", choices)}");
    }
}
