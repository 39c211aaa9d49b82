using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Fluid;
using Provisioner.Yaml;

namespace Provisioner.Templating;

/// <summary>A text parsed for rendering, or why it cannot be; <see cref="Nesting"/> is its deepest point.</summary>
internal sealed record ParsedTemplate(IFluidTemplate? Template, TemplateProblem? Problem, int Nesting);

/// <summary>
/// Parses each text once, cached by text: measured before Fluid's recursive parser sees it
/// (<see cref="TemplateShape"/>), then rewritten to render within the limits and keep secrets
/// (<see cref="TemplateGuard"/>). What cannot render whatever the variables is found here.
/// </summary>
internal static class ParsedTemplates
{
    private static readonly FluidParser Parser = new();
    private static readonly ConcurrentDictionary<string, ParsedTemplate> Cache = new();

    /// <summary>How every template renders: Fluid's own step and recursion limits, every filter checked, none unknown.</summary>
    public static TemplateOptions Options { get; } = CreateOptions();

    public static ParsedTemplate Get(string text) => Cache.GetOrAdd(text, Parse);

    private static TemplateOptions CreateOptions()
    {
        var options = new TemplateOptions { MaxSteps = TemplateLimits.MaxSteps, MaxRecursion = TemplateLimits.MaxNesting + 1, StrictFilters = true };
        BoundedFilters.Wrap(options.Filters);
        return options;
    }

    private static ParsedTemplate Parse(string text)
    {
        var (nesting, limit) = TemplateShape.Measure(text);
        if (limit is not null) return new ParsedTemplate(null, limit, 0);
        if (!Parser.TryParse(text, out var template, out var error)) return new ParsedTemplate(null, TemplateProblem.Syntax(error), 0);
        var guard = new TemplateGuard(Options.Filters);
        var guarded = guard.VisitTemplate(template);
        if (guard.Unsupported.FirstOrDefault() is { } tag)
            return new ParsedTemplate(null, TemplateProblem.At(text, IndexOf(text, @"\{%-?\s*" + tag + @"\b"), $"'{tag}' is not supported: a template cannot read other files",
                "put the text in this template, or in a variable it prints"), 0);
        if (guard.UnknownFilters.FirstOrDefault() is { } filter)
            return new ParsedTemplate(null, TemplateProblem.At(text, IndexOf(text, @"\|\s*(" + Regex.Escape(filter) + @")\b"), $"unknown filter '{filter}'",
                Suggest.DidYouMean(filter, Options.Filters.Select(f => f.Key)) is { } near ? $"did you mean '{near}'?" : "use one of Liquid's filters (upcase, replace, join, …)"), 0);
        return new ParsedTemplate(guarded, null, nesting);
    }

    /// <summary>Where a pattern first matches (its first group, if it has one); the start when it does not.</summary>
    private static int IndexOf(string text, string pattern)
    {
        var m = Regex.Match(text, pattern);
        return !m.Success ? 0 : m.Groups.Count > 1 ? m.Groups[1].Index : m.Index;
    }
}
