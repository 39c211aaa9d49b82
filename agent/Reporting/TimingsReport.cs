using System.Globalization;
using System.Text;
using System.Text.Json;
using Provisioner.Execution;
using Provisioner.Templating;

namespace Provisioner.Reporting;

/// <summary>
/// <c>--timings</c>: collects what each host's run spent where — connect, facts, every task's read,
/// plan and apply (a loop's items summed), every probe — and prints it after the recap, slowest
/// phases visible at a glance; also the report's <c>timings</c> field.
/// </summary>
public sealed class TimingsReport : IRunEvents
{
    private readonly Lock _lock = new();
    private readonly List<Timing> _timings = [];

    public IReadOnlyList<Timing> Timings
    {
        get { lock (_lock) return [.. _timings]; }
    }

    public void Timed(Timing timing)
    {
        lock (_lock) _timings.Add(timing);
    }

    public void ProbeFinished(string host, string stage, ProbeResult probe) =>
        Timed(new Timing(host, TimingPhase.Probe, $"{stage}: {probe.Name}", probe.Duration));

    public string Render(SecretSet secrets)
    {
        var text = new StringBuilder();
        foreach (var host in Timings.GroupBy(t => t.Host))
        {
            var all = host.ToList();
            double Sum(TimingPhase phase) => all.Where(t => t.Phase == phase).Sum(t => t.Elapsed.TotalSeconds);
            text.AppendLine(CultureInfo.InvariantCulture, $"timings {secrets.Mask(host.Key)}: connect {Sum(TimingPhase.Connect):0.000} s, facts {Sum(TimingPhase.Facts):0.000} s, " +
                $"reads {Sum(TimingPhase.Read):0.000} s, plans {Sum(TimingPhase.Plan):0.000} s, applies {Sum(TimingPhase.Apply):0.000} s, probes {Sum(TimingPhase.Probe):0.000} s (summed; verify runs probes side by side)");
            foreach (var task in all.Where(t => t.Phase is TimingPhase.Read or TimingPhase.Plan or TimingPhase.Apply).GroupBy(t => (t.What, t.Module)))
            {
                double Of(TimingPhase phase) => task.Where(t => t.Phase == phase).Sum(t => t.Elapsed.TotalSeconds);
                text.AppendLine(CultureInfo.InvariantCulture, $"  read {Of(TimingPhase.Read),7:0.000}  plan {Of(TimingPhase.Plan),6:0.000}  apply {Of(TimingPhase.Apply),7:0.000}  [{task.Key.Module}] {secrets.Mask(task.Key.What)}");
            }
            foreach (var probe in all.Where(t => t.Phase == TimingPhase.Probe))
                text.AppendLine(CultureInfo.InvariantCulture, $"  probe {probe.Elapsed.TotalSeconds,7:0.000}  {secrets.Mask(probe.What)}");
        }
        return text.ToString();
    }

    /// <summary>The report's <c>timings</c> array: host, phase, what, seconds — one entry per measurement.</summary>
    public void Write(Utf8JsonWriter w, SecretSet secrets)
    {
        w.WriteStartArray("timings");
        foreach (var t in Timings)
        {
            w.WriteStartObject();
            w.WriteString("host", secrets.Mask(t.Host));
            w.WriteString("phase", t.Phase.ToString().ToLowerInvariant());
            w.WriteString("what", secrets.Mask(t.What));
            if (t.Module.Length > 0) w.WriteString("module", t.Module);
            w.WriteNumber("seconds", Math.Round(t.Elapsed.TotalSeconds, 4));
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
