using Fluid;
using Fluid.Values;

namespace Provisioner.Templating;

/// <summary>
/// Records which <c>facts.*</c> keys templates read while a block of rendering runs, so check mode can
/// tell that a prediction rests on a fact a planned package install will change (the Dovecot version
/// picks dovecot.conf's syntax). Rendering is synchronous, so the recorder is per thread.
/// </summary>
public static class FactReads
{
    [ThreadStatic] private static HashSet<string>? _reads;

    /// <summary>Runs <paramref name="render"/> and returns its result with the fact keys it read.</summary>
    public static (T Result, IReadOnlySet<string> Reads) Track<T>(Func<T> render)
    {
        var outer = _reads;
        var reads = new HashSet<string>(StringComparer.Ordinal);
        _reads = reads;
        try { return (render(), reads); }
        finally { _reads = outer; }
    }

    /// <summary>The facts value for a template context: recording reads when a <see cref="Track{T}"/> is open.</summary>
    internal static FluidValue Wrap(object? facts, TemplateOptions options) =>
        _reads is { } reads && facts is IReadOnlyDictionary<string, object?> d
            ? new DictionaryValue(new Recording(d, reads, options))
            : FluidValue.Create(facts, options);

    private sealed class Recording(IReadOnlyDictionary<string, object?> facts, HashSet<string> reads, TemplateOptions options) : IFluidIndexable
    {
        public int Count => facts.Count;
        public IEnumerable<string> Keys => facts.Keys;

        public bool TryGetValue(string name, out FluidValue value)
        {
            reads.Add(name);
            var found = facts.TryGetValue(name, out var raw);
            value = found ? FluidValue.Create(raw, options) : NilValue.Instance;
            return found;
        }
    }
}
