using Fluid;
using Fluid.Values;

namespace Provisioner.Templating;

/// <summary>
/// What a filter or an operator costs by what it reads, charged before it runs: a list's items count as
/// steps (a sort n·log n), a text's characters towards the render's text. Steps counted only tags and
/// outputs, so a loop sorting a million items a thousand times ran for minutes as a few thousand steps.
/// </summary>
internal static class FilterWork
{
    /// <summary>Filters whose work does not grow with what they read.</summary>
    private static readonly HashSet<string> Constant = ["size", "first", "last", "default"];

    private static readonly HashSet<string> Sorting = ["sort", "sort_natural"];

    public static void Filter(string name, FluidValue input, FilterArguments arguments, RenderContext context)
    {
        if (Constant.Contains(name)) return;
        Read(input, context, Sorting.Contains(name));
        for (var i = 0; i < arguments.Count; i++) Read(arguments.At(i), context);
    }

    public static void Read(FluidValue value, RenderContext context, bool sorted = false)
    {
        switch (value)
        {
            case StringValue s:
                context.Budget.Text(s.ToStringValue().Length);
                break;
            case ArrayValue list:
                long n = list.Values.Count;
                context.Charge(sorted ? n * (long)Math.Ceiling(Math.Log2(n + 1)) : n);
                break;
        }
    }
}
