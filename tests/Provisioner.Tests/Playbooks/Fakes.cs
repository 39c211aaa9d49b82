using Provisioner.HostFacts;
using Provisioner.Journal;
using Provisioner.Modules;
using Provisioner.Probes;
using Provisioner.Yaml;

namespace Provisioner.Tests.Playbooks;

/// <summary>Stand-in modules and probes, so parser tests do not depend on the real ones.</summary>
internal sealed class FakeModule(string name, ArgSpec spec, Action<MapNode, Diagnostics>? validate = null, bool userJudges = false) : Module<MapNode, string>
{
    public override string Name => name;
    public override bool UserJudgesOutcome => userJudges;
    public override ArgSpec Spec => spec;
    public override void Validate(MapNode args, Diagnostics diagnostics) => validate?.Invoke(args, diagnostics);
    protected override MapNode Bind(ArgReader reader) => reader.Args;
    public override Task<string> ReadAsync(MapNode args, HostContext host, CancellationToken ct) => Task.FromResult("");
    public override Plan Plan(MapNode args, string state) => Modules.Plan.None;
    public override IReadOnlyList<JournalItem> Journal(MapNode args, string? state) => [];
    public override string? Irreversible(MapNode args, string? state) => null;
}

internal sealed class FakeProbe(string name, ArgSpec spec) : IProbe
{
    public string Name => name;
    public ArgSpec Spec => spec;
    public Task<ProbeOutcome> RunAsync(ArgReader args, HostContext host, CancellationToken ct) => Task.FromResult(ProbeOutcome.Pass("", ""));
}

internal static class Fakes
{
    private static ArgDef S(string n, bool req = false, params string[] choices) => new(n, ArgType.String, req, choices.Length > 0 ? choices : null);

    public static ModuleRegistry Modules() => new ModuleRegistry()
        .Add(new FakeModule("package", new ArgSpec([S("name", true), S("state", false, "present", "absent", "latest")])), "apt", "dnf")
        .Add(new FakeModule("template", new ArgSpec([new ArgDef("src", ArgType.TemplateFile, true), S("dest", true), S("mode"), S("owner")])))
        .Add(new FakeModule("copy", new ArgSpec([S("dest", true), S("content"), S("src"), S("mode")]) { ExactlyOneOf = [["content", "src"]] }))
        .Add(new FakeModule("file", new ArgSpec([S("path", true), S("state", false, "file", "directory", "absent"), S("mode")]) { MutuallyExclusive = [["src", "recurse"]] }))
        .Add(new FakeModule("service", new ArgSpec([S("name", true), S("state", false, "started", "stopped", "restarted", "reloaded"), new ArgDef("enabled", ArgType.Bool)])))
        .Add(new FakeModule("command", new ArgSpec([S("cmd", true), S("creates")]) { FreeForm = "cmd" }, userJudges: true))
        .Add(new FakeModule("firewalld", new ArgSpec([S("zone"), S("service"), new ArgDef("port", ArgType.Int), new ArgDef("sources", ArgType.List)])))
        .Add(new FakeModule("lineinfile", new ArgSpec([S("path", true), S("line"), S("regexp"), S("state", false, "present", "absent")]),
            (args, d) =>
            {
                if (args.Get("state") is ScalarNode { Value: "absent" } && args.Get("regexp") is null)
                    d.Add(args.Span, "lineinfile with state: absent needs 'regexp'", "add regexp: PATTERN");
            }));

    public static ProbeRegistry Probes() => new ProbeRegistry()
        .Add(new FakeProbe("tcp", new ArgSpec([S("host", true), new ArgDef("port", ArgType.Int, true), S("state", false, "open", "closed")])))
        .Add(new FakeProbe("smtp", new ArgSpec([S("host", true), new ArgDef("port", ArgType.Int), new ArgDef("expect", ArgType.Map)])));
}
