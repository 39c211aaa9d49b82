using Provisioner.Templating;
using Serilog.Core;
using Serilog.Events;

namespace Provisioner.Cli;

/// <summary>Masks every known secret in string log properties before any sink sees the event.</summary>
public sealed class MaskingEnricher(SecretSet secrets) : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        foreach (var (name, value) in logEvent.Properties.ToList())
            if (value is ScalarValue { Value: string s } && secrets.Contains(s))
                logEvent.AddOrUpdateProperty(new LogEventProperty(name, new ScalarValue(secrets.Mask(s))));
    }
}
