using System.Xml.Linq;
using Provisioner.Execution;
using Provisioner.Templating;

namespace Provisioner.Reporting;

/// <summary>
/// JUnit XML: a test suite per host, a test case per task (and per probe). A failed task, a failed
/// probe, or — in check mode — a task with drift is a failing test case, so CI shows drift as red.
/// </summary>
public static class JunitReport
{
    public static string Render(RunResult run, SecretSet secrets)
    {
        var suites = new XElement("testsuites", new XAttribute("name", "provision " + (run.Check ? "check" : "apply")));
        foreach (var h in run.Hosts)
        {
            var cases = new List<XElement>();
            if (h.Status == RunStatus.Unreachable)
                cases.Add(Case(secrets, h.Host, "connect", 0, "error", "unreachable", h.Message ?? ""));
            foreach (var s in h.Stages)
            {
                foreach (var t in s.Tasks)
                {
                    var drift = run.Check && t.Status == RunStatus.Changed;
                    var failed = t.Status == RunStatus.Failed;
                    var detail = string.Join("\n", t.Changes.Select(c => c.Summary).Prepend(t.Message ?? "").Where(x => x.Length > 0));
                    cases.Add(Case(secrets, $"{h.Host}.{s.Number}-{s.Name}", (t.Handler ? "handler: " : "") + t.Task, t.Duration.TotalSeconds,
                        failed ? "failure" : drift ? "failure" : t.Status == RunStatus.Skipped ? "skipped" : null,
                        failed ? "failed" : "drift", detail));
                }
                foreach (var p in s.Probes)
                    cases.Add(Case(secrets, $"{h.Host}.{s.Number}-{s.Name}", "verify: " + p.Name, p.Duration.TotalSeconds, p.Passed ? null : "failure",
                        "probe failed", $"expected: {p.Expected}\nactual: {p.Actual}"));
            }
            suites.Add(new XElement("testsuite",
                new XAttribute("name", secrets.Mask(h.Host)),
                new XAttribute("tests", cases.Count),
                new XAttribute("failures", cases.Count(c => c.Element("failure") is not null)),
                new XAttribute("errors", cases.Count(c => c.Element("error") is not null)),
                new XAttribute("skipped", cases.Count(c => c.Element("skipped") is not null)),
                new XAttribute("time", h.Duration.TotalSeconds.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)),
                cases));
        }
        return new XDocument(new XDeclaration("1.0", "utf-8", null), suites).ToString();
    }

    /// <summary>A test case; its texts pass through <see cref="SecretSet.Mask"/> before XML escapes them.</summary>
    private static XElement Case(SecretSet secrets, string className, string name, double seconds, string? kind, string message, string detail)
    {
        (className, name, detail) = (secrets.Mask(className), secrets.Mask(name), secrets.Mask(detail));
        var e = new XElement("testcase", new XAttribute("classname", className), new XAttribute("name", name),
            new XAttribute("time", seconds.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)));
        if (kind is not null) e.Add(new XElement(kind, kind == "skipped" ? null : new XAttribute("message", message), kind == "skipped" ? null : detail));
        return e;
    }
}
