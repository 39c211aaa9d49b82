using Fluid;
using Fluid.Values;

namespace Provisioner.Templating;

/// <summary>
/// Every filter, checked. What it reads is charged first (<see cref="FilterWork"/>). Most make text or
/// lists at most a few times the size of what they are given, so checking the result is enough;
/// replace, split and join can multiply it, so their result is measured before they run. A text result
/// counts towards the render's text. A filter that refuses its input or arguments is named in an error
/// of our own, never with .NET's words ("(Parameter 'length')").
/// </summary>
internal static class BoundedFilters
{
    public static void Wrap(FilterCollection filters)
    {
        foreach (var (name, filter) in filters.ToList()) filters.AddFilter(name, Bounded(name, filter));
    }

    private static FilterDelegate Bounded(string name, FilterDelegate filter) => async (input, arguments, context) =>
    {
        FilterWork.Filter(name, input, arguments, (RenderContext)context);
        Before(name, input, arguments, context);
        FluidValue result;
        try { result = await filter(input, arguments, context); }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException or IndexOutOfRangeException)
        {
            throw new TemplateException($"filter '{name}' cannot take this input with these arguments: {Why(ex)}", $"check what '{name}' is given (its input and each argument)");
        }
        After(name, result, context);
        return result;
    };

    private static string Why(Exception ex) => ex switch
    {
        ArgumentOutOfRangeException => "a number given to it is out of range (a length, a position, a count or a number of digits)",
        FormatException => "the text is not in the form it reads",
        _ => "an argument is not of the kind it needs",
    };

    private static void Before(string name, FluidValue input, FilterArguments arguments, TemplateContext context)
    {
        switch (name)
        {
            case "replace":
                var (text, from, to) = (input.ToStringValue(), arguments.At(0).ToStringValue(), arguments.At(1).ToStringValue());
                if (from.Length > 0 && to.Length > from.Length && text.Length + (long)Count(text, from) * (to.Length - from.Length) > TemplateLimits.MaxOutputChars)
                    throw TemplateLimits.FilterOutput(name);
                break;
            case "split":
                var (whole, separator) = (input.ToStringValue(), arguments.At(0).ToStringValue());
                if ((separator.Length == 0 ? whole.Length : Count(whole, separator) + 1L) > TemplateLimits.MaxItems) throw TemplateLimits.Items();
                break;
            case "join":
                var glue = arguments.Count > 0 ? arguments.At(0).ToStringValue().Length : 1;
                var size = 0L;
                foreach (var item in input.Enumerate(context))
                    if ((size += item.ToStringValue().Length + glue) > TemplateLimits.MaxOutputChars) throw TemplateLimits.FilterOutput(name);
                break;
        }
    }

    private static void After(string name, FluidValue result, TemplateContext context)
    {
        switch (result)
        {
            case StringValue s:
                var length = s.ToStringValue().Length;
                if (length > TemplateLimits.MaxOutputChars) throw TemplateLimits.FilterOutput(name);
                ((RenderContext)context).Budget.Text(length);
                break;
            case ArrayValue list:
                var (items, text) = (0, 0L);
                foreach (var item in list.Enumerate(context))
                {
                    if (++items > TemplateLimits.MaxItems) throw TemplateLimits.Items();
                    // Only text already made: asking a lazy item would render it.
                    if (item is StringValue str && (text += str.ToStringValue().Length) > TemplateLimits.MaxOutputChars) throw TemplateLimits.FilterOutput(name);
                }
                break;
        }
    }

    private static int Count(string text, string part)
    {
        var (count, at) = (0, 0);
        while ((at = text.IndexOf(part, at, StringComparison.Ordinal)) >= 0) { count++; at += part.Length; }
        return count;
    }
}
