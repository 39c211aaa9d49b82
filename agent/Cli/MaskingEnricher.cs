using Provisioner.Templating;
using Serilog.Core;
using Serilog.Events;

namespace Provisioner.Cli;

/// <summary>
/// Masks every known secret in log properties before any sink sees the event, inside lists and
/// structures too (a task's change summaries are logged as a list).
/// </summary>
public sealed class MaskingEnricher(SecretSet secrets) : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        if (secrets.IsEmpty) return;
        foreach (var (name, value) in logEvent.Properties.ToList())
            if (Masked(value) is { } masked) logEvent.AddOrUpdateProperty(new LogEventProperty(name, masked));
    }

    /// <summary>The value with secrets masked, or null when it holds none.</summary>
    private LogEventPropertyValue? Masked(LogEventPropertyValue value)
    {
        switch (value)
        {
            case ScalarValue { Value: string s } when secrets.Contains(s):
                return new ScalarValue(secrets.Mask(s));
            case SequenceValue seq when seq.Elements.Select(Masked).ToList() is var items && items.Any(i => i is not null):
                return new SequenceValue(seq.Elements.Zip(items, (e, m) => m ?? e));
            case StructureValue st when st.Properties.Select(p => Masked(p.Value)).ToList() is var props && props.Any(p => p is not null):
                return new StructureValue(st.Properties.Zip(props, (p, m) => new LogEventProperty(p.Name, m ?? p.Value)), st.TypeTag);
            case DictionaryValue d when d.Elements.Select(kv => (Key: Masked(kv.Key), Value: Masked(kv.Value))).ToList() is var entries
                                        && entries.Any(e => e.Key is not null || e.Value is not null):
                return new DictionaryValue(d.Elements.Zip(entries, (kv, m) =>
                    new KeyValuePair<ScalarValue, LogEventPropertyValue>((ScalarValue?)m.Key ?? kv.Key, m.Value ?? kv.Value)));
            default:
                return null;
        }
    }
}
