using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using CsCheck;
using Provisioner.Cli;
using Provisioner.Execution;
using Provisioner.Inventories;
using Provisioner.Modules;
using Provisioner.Reporting;
using Provisioner.Templating;
using Provisioner.Tests.Playbooks;
using Provisioner.Variables;
using Provisioner.Yaml;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Provisioner.Tests.ReportingTests;

/// <summary>
/// For random secret values, end to end in one process: vars files and -e, a template that uses the
/// secrets directly and through filters, a change with before/after content, and every channel a
/// person or a machine reads (console with --diff and -vv, JSON report, JUnit, the run log, error
/// messages). No channel may contain a secret or a value derived from one.
/// </summary>
public sealed class SecretChannelsPropertyTests
{
    private const string Template = """
        password = {{ pw }}
        upper = {{ pw | upcase }}
        appended = {{ pw | append: '-x' }}
        encoded = {{ pw | base64_encode }}
        token = {{ token }}
        key = {{ api_key }}
        {% assign lowered = pw | downcase %}lower = {{ lowered | prepend: '<' }}
        """;

    private static readonly Gen<string> Secret = Gen.String[Gen.Char[' ', '~'], 8, 40]
        .Where(s => !s.Contains("{{") && !s.Contains("{%") && s.Trim().Length > 0);

    [Fact]
    public void No_channel_shows_a_secret_or_a_value_derived_from_one() =>
        Gen.Select(Secret, Secret).Sample((pw, key) =>
        {
            using var dir = new TempDir();
            var secrets = new SecretSet();
            var rendered = RenderTemplate(dir, secrets, pw, key);
            var forbidden = new[]
            {
                pw, key, pw.ToUpperInvariant(), pw.ToLowerInvariant(), pw + "-x", "<" + pw.ToLowerInvariant(),
                Convert.ToBase64String(Encoding.UTF8.GetBytes(pw)), "example.test-" + pw.ToUpperInvariant(),
            };
            // The template really printed every one of them: masking has something to do.
            foreach (var f in forbidden) rendered.ShouldContain(f);

            var run = Run(rendered, forbidden);
            foreach (var (channel, text) in Channels(run, secrets))
                foreach (var f in forbidden)
                    text.Contains(f, StringComparison.Ordinal).ShouldBeFalse($"{channel} shows '{f}' (secret '{pw}' / '{key}')");
        }, iter: 60);

    /// <summary>Vars from a plain file, a *.secret.yml file and -e (overriding a secret), then the template.</summary>
    private static string RenderTemplate(TempDir dir, SecretSet secrets, string pw, string key)
    {
        static string Quoted(string s) => "'" + s.Replace("'", "''") + "'";
        dir.Write("inv/hosts.yml", "all:\n  hosts:\n    h: { address: 192.0.2.1 }\n");
        dir.Write("app.yml", "domain: example.test\n");
        dir.Write("app.secret.yml", $"pw: {Quoted(pw)}\ntoken: \"{{{{ domain }}}}-{{{{ pw | upcase }}}}\"\napi_key: replaced-by-cli\n");
        var d = new Diagnostics();
        var inventory = InventoryLoader.Load(Path.Combine(dir.Path, "inv/hosts.yml"), d)!;
        // -e as JSON: key=value splits on spaces and drops quotes, as a shell would.
        var extra = JsonSerializer.Serialize(new Dictionary<string, string> { ["api_key"] = key });
        var layers = ExtraVars.Layers([Path.Combine(dir.Path, "app.yml"), Path.Combine(dir.Path, "app.secret.yml")], [extra], d);
        var vars = new HostVarsBuilder(inventory, layers, secrets).Build(inventory.FindHost("h")!, [], d);
        d.Items.ShouldBeEmpty();
        var result = TemplateEngine.Render(Template, vars);
        result.Ok.ShouldBeTrue(result.Problem);
        return result.Text!;
    }

    /// <summary>A run whose every free-text field carries secret-derived text, as a careless module might.</summary>
    private static RunResult Run(string rendered, IReadOnlyList<string> forbidden)
    {
        var line = string.Join(" ", forbidden);
        var changes = new[]
        {
            new Change("/etc/app.conf", ChangeKind.Content, "password = old\n", rendered),
            new Change("app.password", ChangeKind.Value, "old", line),
        };
        var task = new TaskResult("h", "config", "set " + line, RunStatus.Failed, changes, "exit 1: " + line, TimeSpan.FromSeconds(1), Assumes: line);
        var probe = new ProbeResult("login " + line, false, "accepted " + line, "refused " + line, 3, TimeSpan.FromSeconds(1));
        var stage = new StageResult("config", 1, RunStatus.RolledBack, [task], [probe], "rolled back: " + line);
        return new RunResult(false, [new HostResult("h", RunStatus.RolledBack, [stage], "failed: " + line, TimeSpan.FromSeconds(2)) { Recovered = [line] }], TimeSpan.FromSeconds(2));
    }

    private static IEnumerable<(string Channel, string Text)> Channels(RunResult run, SecretSet secrets)
    {
        var console = new StringWriter();
        var reporter = new ConsoleReporter(console, check: false, diff: true, verbosity: 2, secrets);
        var log = new Collect();
        var logger = new LoggerConfiguration().MinimumLevel.Verbose().Enrich.With(new MaskingEnricher(secrets)).WriteTo.Sink(log).CreateLogger();
        var terminal = new StringWriter();
        var coloured = new ConsoleReporter(terminal, check: false, diff: true, verbosity: 2, secrets, new ConsoleStyle(Color: true, Live: true, Width: 400), stageCount: 1);
        IRunEvents events = new CompositeEvents(reporter, coloured, new EventLog(logger));
        foreach (var h in run.Hosts)
        {
            events.HostStarted(h.Host);
            foreach (var s in h.Stages)
            {
                events.StageStarted(h.Host, s.Number, s.Name);
                foreach (var t in s.Tasks)
                {
                    events.TaskStarted(h.Host, 1, t.Task, t.Handler);
                    events.TaskFinished(t);
                }
                foreach (var p in s.Probes) events.ProbeFinished(h.Host, s.Name, p);
                events.StageFinished(h.Host, s);
            }
            events.Recovered(h.Host, h.Recovered[0]);
            events.HostFinished(h);
        }
        reporter.Recap(run);
        coloured.Recap(run);
        yield return ("console", console.ToString());
        yield return ("console on a terminal (colour, progress line)", terminal.ToString());

        foreach (var e in log.Events)
        {
            yield return ("log message", e.RenderMessage());
            var json = new StringWriter();
            new CompactJsonFormatter().Format(e, json);
            yield return ("log file", string.Join("\n", Strings(JsonDocument.Parse(json.ToString()).RootElement)));
        }

        yield return ("json report", string.Join("\n", Strings(JsonDocument.Parse(JsonReport.Render(run, "site.yml", secrets)).RootElement)));
        var junit = XDocument.Parse(JunitReport.Render(run, secrets));
        yield return ("junit", string.Join("\n", junit.Descendants().SelectMany(x => x.Attributes().Select(a => a.Value).Append(x.Value))));

        var task = run.Hosts[0].Stages[0].Tasks[0];
        yield return ("error message", secrets.Mask(new Diagnostic(SourceSpan.CommandLine("-e api_key"), task.Message!, "fix it").ToString()));
    }

    private static IEnumerable<string> Strings(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => [e.GetString()!],
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => Strings(p.Value).Prepend(p.Name)),
        JsonValueKind.Array => e.EnumerateArray().SelectMany(Strings),
        _ => [],
    };

    private sealed class Collect : ILogEventSink
    {
        public List<LogEvent> Events { get; } = [];
        public void Emit(LogEvent logEvent) => Events.Add(logEvent);
    }
}
