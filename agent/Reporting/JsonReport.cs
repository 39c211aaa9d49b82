using System.Text.Json;
using Provisioner.Execution;
using Provisioner.Templating;

namespace Provisioner.Reporting;

/// <summary>
/// The machine-readable run report (schema <c>provision-report/1</c>, documented in
/// docs/report.schema.json): per host, per stage, per task status, duration and change summaries.
/// Every text that came from the playbook or the host passes through <see cref="SecretSet.Mask"/>
/// before it is escaped as JSON (after, an escaped secret would no longer match).
/// </summary>
public static class JsonReport
{
    public const string Schema = "provision-report/1";

    public static string Render(RunResult run, string playbook, SecretSet secrets, TimingsReport? timings = null)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("schema", Schema);
            w.WriteString("playbook", playbook);
            w.WriteString("mode", run.Check ? "check" : "apply");
            w.WriteNumber("exit_code", run.ExitCode);
            w.WriteNumber("duration_s", Math.Round(run.Duration.TotalSeconds, 3));
            w.WriteStartArray("hosts");
            foreach (var h in run.Hosts) WriteHost(w, h, secrets);
            w.WriteEndArray();
            timings?.Write(w, secrets);
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteHost(Utf8JsonWriter w, HostResult h, SecretSet secrets)
    {
        w.WriteStartObject();
        w.WriteString("host", secrets.Mask(h.Host));
        w.WriteString("status", Name(h.Status));
        if (h.Message is not null) w.WriteString("message", secrets.Mask(h.Message));
        w.WriteNumber("duration_s", Math.Round(h.Duration.TotalSeconds, 3));
        w.WriteStartArray("recovered");
        foreach (var r in h.Recovered) w.WriteStringValue(secrets.Mask(r));
        w.WriteEndArray();
        w.WriteStartObject("counts");
        foreach (var s in Enum.GetValues<RunStatus>()) w.WriteNumber(Name(s), h.Count(s));
        w.WriteEndObject();
        w.WriteStartArray("stages");
        foreach (var s in h.Stages)
        {
            w.WriteStartObject();
            w.WriteNumber("number", s.Number);
            w.WriteString("name", secrets.Mask(s.Name));
            w.WriteString("status", Name(s.Status));
            if (s.Message is not null) w.WriteString("message", secrets.Mask(s.Message));
            if (s.NotUndone.Count > 0)
            {
                w.WriteStartArray("not_undone");
                foreach (var n in s.NotUndone) w.WriteStringValue(secrets.Mask(n));
                w.WriteEndArray();
            }
            w.WriteStartArray("tasks");
            foreach (var t in s.Tasks)
            {
                w.WriteStartObject();
                w.WriteString("name", secrets.Mask(t.Task));
                w.WriteString("module", t.Module);
                w.WriteString("status", Name(t.Status));
                w.WriteBoolean("handler", t.Handler);
                w.WriteNumber("duration_s", Math.Round(t.Duration.TotalSeconds, 3));
                if (t.Message is not null) w.WriteString("message", secrets.Mask(t.Message));
                if (t.Assumes is not null) w.WriteString("assumes", secrets.Mask(t.Assumes));
                if (t.Irreversible is not null) w.WriteString("irreversible", secrets.Mask(t.Irreversible));
                w.WriteStartArray("changes");
                foreach (var c in t.Changes) w.WriteStringValue(secrets.Mask(c.Summary));
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("probes");
            foreach (var p in s.Probes)
            {
                w.WriteStartObject();
                w.WriteString("name", secrets.Mask(p.Name));
                w.WriteBoolean("passed", p.Passed);
                w.WriteString("expected", secrets.Mask(p.Expected));
                w.WriteString("actual", secrets.Mask(p.Actual));
                w.WriteNumber("attempts", p.Attempts);
                w.WriteNumber("duration_s", Math.Round(p.Duration.TotalSeconds, 3));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static string Name(RunStatus s) => s switch
    {
        RunStatus.RolledBack => "rolled_back",
        _ => s.ToString().ToLowerInvariant(),
    };
}
