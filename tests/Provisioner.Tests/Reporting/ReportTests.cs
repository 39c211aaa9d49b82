using System.Text.Json;
using System.Xml.Linq;
using Provisioner.Execution;
using Provisioner.Modules;
using Provisioner.Reporting;
using Provisioner.Templating;

namespace Provisioner.Tests.ReportingTests;

public class ReportTests
{
    private static RunResult Run(bool check)
    {
        var t1 = new TaskResult("lab1", "smtp", "main.cf", RunStatus.Changed, [new Change("/etc/postfix/main.cf", ChangeKind.Content, "a\n", "b hunter22\n", true)], null, TimeSpan.FromSeconds(1));
        var t2 = new TaskResult("lab1", "smtp", "postfix", RunStatus.Ok, [], null, TimeSpan.FromSeconds(1));
        var t3 = new TaskResult("lab1", "smtp", "broken", RunStatus.Failed, [], "password hunter22 refused", TimeSpan.FromSeconds(1));
        var stage = new StageResult("smtp", 1, RunStatus.Failed, [t1, t2, t3], [new ProbeResult("banner", false, "ESMTP", "timeout", 3, TimeSpan.FromSeconds(2))], "x");
        return new RunResult(check, [new HostResult("lab1", RunStatus.Failed, [stage], null, TimeSpan.FromSeconds(5)),
            new HostResult("lab2", RunStatus.Unreachable, [], "HostKeyUnknown: …", TimeSpan.Zero)], TimeSpan.FromSeconds(5));
    }

    private static SecretSet Secrets()
    {
        var s = new SecretSet();
        s.Add("hunter22");
        return s;
    }

    [Fact]
    public void Junit_counts_drift_failures_and_unreachable_hosts()
    {
        var doc = XDocument.Parse(JunitReport.Render(Run(check: true), Secrets()));
        var lab1 = doc.Root!.Elements("testsuite").Single(s => (string)s.Attribute("name")! == "lab1");
        ((int)lab1.Attribute("tests")!).ShouldBe(4);
        ((int)lab1.Attribute("failures")!).ShouldBe(3); // drift + failed task + failed probe
        var lab2 = doc.Root.Elements("testsuite").Single(s => (string)s.Attribute("name")! == "lab2");
        ((int)lab2.Attribute("errors")!).ShouldBe(1);
        doc.ToString().ShouldNotContain("hunter22");
    }

    [Fact]
    public void Junit_in_apply_mode_counts_changes_as_passing()
    {
        var doc = XDocument.Parse(JunitReport.Render(Run(check: false), Secrets()));
        ((int)doc.Root!.Elements("testsuite").First().Attribute("failures")!).ShouldBe(2);
    }

    [Fact]
    public void Json_report_has_schema_statuses_and_no_secrets()
    {
        var text = JsonReport.Render(Run(check: true), "site.yml", Secrets());
        text.ShouldNotContain("hunter22");
        using var json = JsonDocument.Parse(text);
        json.RootElement.GetProperty("schema").GetString().ShouldBe(JsonReport.Schema);
        json.RootElement.GetProperty("exit_code").GetInt32().ShouldBe(1);
        var host = json.RootElement.GetProperty("hosts")[0];
        host.GetProperty("counts").GetProperty("changed").GetInt32().ShouldBe(1);
        host.GetProperty("stages")[0].GetProperty("probes")[0].GetProperty("passed").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public void Unified_diff_matches_diff_u_shape()
    {
        var before = "a\nb\nc\nd\ne\nf\ng\nh\n";
        var after = "a\nb\nc\nD\ne\nf\ng\nh\ni\n";
        UnifiedDiff.Render("/etc/x", before, after).ShouldBe("""
            --- /etc/x (host)
            +++ /etc/x (playbook)
            @@ -1,8 +1,9 @@
             a
             b
             c
            -d
            +D
             e
             f
             g
             h
            +i

            """.Replace("\r", ""));
    }

    [Fact]
    public void Unified_diff_of_a_new_file()
    {
        UnifiedDiff.Render("/etc/x", null, "one\n").ShouldBe("--- /dev/null\n+++ /etc/x (playbook)\n@@ -0,0 +1,1 @@\n+one\n");
    }
}

public class ReportSchemaTests
{
    private static string RepoFile(string relative, [System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "..", relative);

    [Fact]
    public void Reports_validate_against_the_documented_schema()
    {
        var schema = Json.Schema.JsonSchema.FromText(File.ReadAllText(RepoFile("docs/report.schema.json")));
        var secrets = new SecretSet();
        var task = new TaskResult("lab1", "smtp", "t", RunStatus.Changed, [new Change("x", ChangeKind.Value, "a", "b")], "m", TimeSpan.FromSeconds(1), Assumes: "step 1.1 'p'");
        var stage = new StageResult("smtp", 1, RunStatus.RolledBack, [task], [new ProbeResult("p", false, "e", "a", 2, TimeSpan.FromSeconds(1))], "rolled back");
        var run = new RunResult(true, [new HostResult("lab1", RunStatus.RolledBack, [stage], "x", TimeSpan.FromSeconds(3)) { Recovered = ["r"] },
            new HostResult("lab2", RunStatus.Unreachable, [], "HostKeyUnknown", TimeSpan.Zero)], TimeSpan.FromSeconds(3));
        var timings = new TimingsReport();
        timings.Timed(new Timing("lab1", TimingPhase.Read, "t", TimeSpan.FromMilliseconds(12)));
        var json = System.Text.Json.Nodes.JsonNode.Parse(JsonReport.Render(run, "site.yml", secrets, timings));
        json!["timings"]![0]!["phase"]!.GetValue<string>().ShouldBe("read");
        var result = schema.Evaluate(System.Text.Json.JsonSerializer.SerializeToElement(json), new Json.Schema.EvaluationOptions { OutputFormat = Json.Schema.OutputFormat.List });
        result.IsValid.ShouldBeTrue(string.Join("; ", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));

        // And the schema is strict enough to catch a wrong report.
        json["timings"]![0]!["phase"] = "lunch";
        schema.Evaluate(System.Text.Json.JsonSerializer.SerializeToElement(json)).IsValid.ShouldBeFalse();
        json["timings"]![0]!["phase"] = "read";
        json["hosts"]![0]!["status"] = "exploded";
        schema.Evaluate(System.Text.Json.JsonSerializer.SerializeToElement(json)).IsValid.ShouldBeFalse();
    }
}
