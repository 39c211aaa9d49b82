using System.Globalization;
using System.Text.Encodings.Web;
using Fluid.Values;

namespace Provisioner.Templating;

/// <summary>
/// A render's variables, made into template values only when the template reads them. Putting every
/// variable into the context before each render cost the same for <c>{{ domain }}</c> as for a template
/// that reads everything, and a templated variable renders once per read: every render re-made every
/// variable (and every template leaf inside them) for each nested render too. A name the template
/// assigned itself is the template's, even when it assigned nothing; any other name the variables lack
/// is reported undefined, as Fluid's own Undefined did when the context held them all.
/// </summary>
internal sealed class VarsModel(Vars vars, Action<string> undefined) : FluidValue
{
    private readonly Dictionary<string, FluidValue> _made = new(StringComparer.Ordinal);

    public override FluidValues Type => FluidValues.Object;

    public override ValueTask<FluidValue> GetValueAsync(string name, Fluid.TemplateContext context) => new(Get(name, (RenderContext)context));

    private FluidValue Get(string name, RenderContext context)
    {
        // Fluid asks the model when the scope's value is nil, also for a name the template assigned nil
        // or a loop set to nil, before or after the model made it.
        if (context.ValueNames.Contains(name, StringComparer.Ordinal)) return NilValue.Instance;
        if (_made.TryGetValue(name, out var made)) return made;
        if (!vars.Values.TryGetValue(name, out var value))
        {
            undefined(name);
            return NilValue.Instance;
        }
        made = name == "facts" ? FactReads.Wrap(value, context.Options)
            : vars.Templated.Contains(name) ? UserValues.For(name, value, vars, context, undefined)
            : Create(value, context.Options);
        _made[name] = made;
        return made;
    }

    public override bool Equals(FluidValue other) => ReferenceEquals(this, other);

    public override bool ToBooleanValue() => true;

    public override decimal ToNumberValue() => 0;

    public override object ToObjectValue() => this;

    public override string ToStringValue() => "";

    public override ValueTask WriteToAsync(TextWriter writer, TextEncoder encoder, CultureInfo cultureInfo) => default;

    public override int GetHashCode() => 0;
}
