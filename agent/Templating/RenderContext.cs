using Fluid;
using Fluid.Values;

namespace Provisioner.Templating;

/// <summary>
/// A Fluid context that also carries what the guarded statements need: the run's secrets, the budget
/// shared with the renders around this one, and the lazily rendered values with the text they come from.
/// </summary>
internal sealed class RenderContext(VarsModel variables, TemplateOptions options, SecretSet secrets, RenderBudget budget) : TemplateContext(variables, options, allowModelMembers: true)
{
    public SecretSet Secrets => secrets;
    public RenderBudget Budget => budget;

    /// <summary>Fluid's step counter, carried from render to render so one budget covers a template and its variables.</summary>
    public int Steps { get => _steps; set => _steps = value; }

    /// <summary>Adds the steps a filter or operator takes (<see cref="FilterWork"/>) to Fluid's count, within the same limit.</summary>
    public void Charge(long steps)
    {
        if (_steps + steps > TemplateLimits.MaxSteps) throw TemplateLimits.Steps();
        _steps += (int)steps;
    }

    /// <summary>Keyed by identity: asking a lazy value for its hash would render it.</summary>
    private readonly Dictionary<FluidValue, LazyLeaf> _lazies = new(ReferenceEqualityComparer.Instance);

    /// <summary>A value rendered from <paramref name="text"/> when first read.</summary>
    public FluidValue Lazy(string text, Func<FluidValue> render)
    {
        var leaf = new LazyLeaf(text);
        var value = new FactoryValue(() => leaf.Value = render());
        _lazies[value] = leaf;
        return value;
    }

    public LazyLeaf? LeafOf(FluidValue value) => _lazies.GetValueOrDefault(value);
}

/// <summary>The text a lazy value renders from, and its value once something has read it.</summary>
internal sealed class LazyLeaf(string text)
{
    public string Text => text;
    public FluidValue? Value { get; set; }
}
