using System.Globalization;
using System.Text.Encodings.Web;
using Fluid;
using Fluid.Values;
using Provisioner.Yaml;

namespace Provisioner.Playbooks;

/// <summary>
/// Stands in, when validate binds arguments, for what only a run knows (facts, registered results):
/// every member of it is itself, and it prints as a marker no real value holds, so an argument that
/// used it is recognised and left to be bound when the task runs.
/// </summary>
internal sealed class Unresolved : FluidValue
{
    // A control character: no real argument holds one, and no filter (upcase, strip, …) changes it.
    private const string Marker = "\u0001";

    public static Unresolved Value { get; } = new();

    /// <summary>True when any scalar of <paramref name="node"/> was rendered from an unresolved value.</summary>
    public static bool In(Node node) => node switch
    {
        ScalarNode s => s.Value.Contains(Marker, StringComparison.Ordinal),
        ListNode l => l.Items.Any(In),
        MapNode m => m.Entries.Any(e => In(e.Value)),
        _ => false,
    };

    public override FluidValues Type => FluidValues.Object;
    public override bool Equals(FluidValue other) => ReferenceEquals(this, other);
    public override bool ToBooleanValue() => true;
    public override decimal ToNumberValue() => 0;
    public override object ToObjectValue() => Marker;
    public override string ToStringValue() => Marker;
    public override string ToString() => Marker;
    public override ValueTask WriteToAsync(TextWriter writer, TextEncoder encoder, CultureInfo cultureInfo)
    {
        writer.Write(Marker);
        return ValueTask.CompletedTask;
    }

    public override ValueTask<FluidValue> GetValueAsync(string name, TemplateContext context) => new(this);
    public override ValueTask<FluidValue> GetIndexAsync(FluidValue index, TemplateContext context) => new(this);
    public override bool Equals(object? obj) => ReferenceEquals(this, obj);
    public override int GetHashCode() => 0;
}
