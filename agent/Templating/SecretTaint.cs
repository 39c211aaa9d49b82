using Fluid.Ast;
using Fluid.Values;

namespace Provisioner.Templating;

/// <summary>
/// Whether a statement read a secret: any value its expression reads that holds a known secret,
/// directly or inside a list or mapping. A lazily rendered value nobody has read yet counts by the
/// text it renders from, so asking never renders it (which could fail where the template would not).
/// </summary>
internal static class SecretTaint
{
    public static async ValueTask<bool> ReadsSecretAsync(IReadOnlyList<Expression> reads, RenderContext context)
    {
        if (context.Secrets.IsEmpty) return false;
        foreach (var read in reads)
            if (Holds(await read.EvaluateAsync(context), context)) return true;
        return false;
    }

    /// <summary>Every string inside a value (a list's items, a mapping's keys and values).</summary>
    public static IEnumerable<string> Strings(FluidValue value, RenderContext context)
    {
        var seen = 0;
        var pending = new Stack<FluidValue>([value]);
        while (pending.Count > 0 && ++seen <= TemplateLimits.MaxItems)
        {
            var v = pending.Pop();
            if (context.LeafOf(v) is { } leaf)
            {
                if (leaf.Value is null) { yield return leaf.Text; continue; }
                v = leaf.Value;
            }
            switch (v)
            {
                case ArrayValue or DictionaryValue:
                    foreach (var item in v.Enumerate(context)) pending.Push(item);
                    break;
                case NilValue or EmptyValue or BlankValue:
                    break;
                default:
                    yield return v.ToStringValue();
                    break;
            }
        }
    }

    private static bool Holds(FluidValue value, RenderContext context)
    {
        // The statement reads this value itself, so rendering it now renders nothing it would not.
        if (context.LeafOf(value) is { Value: null }) _ = value.Type;
        return Strings(value, context).Any(context.Secrets.Contains);
    }
}
