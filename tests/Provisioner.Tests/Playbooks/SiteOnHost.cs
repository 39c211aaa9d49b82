using Provisioner.Execution;
using Provisioner.Modules;
using Provisioner.Playbooks;
using Provisioner.Probes;
using Provisioner.Templating;

namespace Provisioner.Tests.Playbooks;

/// <summary>
/// playbooks/site.yml prepared for the example inventory's host (inventory/fedora.example.yml with the
/// user's own secrets) and bound, task by task, as a run binds it on a host with the given facts.
/// </summary>
internal sealed class SiteOnHost : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly HostSession _session;

    public Playbook Playbook { get; }

    /// <param name="facts">The host's facts as templates see them (<c>facts.os_family</c>, <c>facts.postfix_map_types</c>, …).</param>
    public SiteOnHost(Dictionary<string, object?> facts, params string[] extraVars)
    {
        var repo = Path.GetFullPath(Fixture.Path(Path.Combine("..", "..", "..")));
        var secrets = _dir.WriteSecret("mine.secret.yml", "owner_password: a-long-owner-secret\nprobe_password: a-long-probe-secret\n");
        var request = new RunRequest(Path.Combine(repo, "playbooks", "site.yml"), [Path.Combine(repo, "inventory", "fedora.example.yml")], [secrets], extraVars, new RunOptions());
        var prepared = RunPreparation.Prepare(request, ModuleRegistry.Default, ProbeRegistry.Default, new SecretSet());
        prepared.Diagnostics.Select(d => d.ToString()).ShouldBeEmpty();
        Playbook = prepared.Playbook!;
        var play = prepared.Hosts.Single().Plays.Single();
        _session = new HostSession("mail1", new Tests.Execution.LocalHost(), Tests.ModuleTests.ModuleTestKit.FedoraFacts, play.Vars, true, Playbook.BaseDirectory,
            new RunOptions(), NoEvents.Instance, ModuleRegistry.Default) { RunId = "test", Play = play.Play, CheckNewConnection = _ => Task.FromResult<string?>(null) };
        _session.Register("facts", facts);
    }

    public Stage Stage(string name) => Playbook.Plays.SelectMany(p => p.Stages).Single(s => s.Name == name);

    /// <summary>The stage's tasks and handlers bound for this host, one per loop item.</summary>
    public IReadOnlyList<StageBinding.Bound> Bound(string stage) =>
        StageBinding.Ahead(_session, Stage(stage).Tasks.Concat(Stage(stage).Handlers)).ToList();

    /// <summary>A task or handler of the stage, bound (its first loop item).</summary>
    public T Args<T>(string stage, string task) => (T)Bound(stage).First(b => b.Task.Name == task).Args!;

    /// <summary>The paths a task's or handler's <c>touches:</c> names for this host.</summary>
    public IReadOnlyList<string> Touches(string stage, string task) =>
        [.. TaskTouches.Render(Bound(stage).First(b => b.Task.Name == task).Task, _session.Vars, new Yaml.Diagnostics())
            .Select(i => i is Journal.JournalFile f ? f.Path : i.ToString()!)];

    /// <summary>A variable as this host's tasks see it, rendered.</summary>
    public string Render(string template)
    {
        var result = TemplateEngine.Render(template, _session.Vars);
        result.Ok.ShouldBeTrue(result.Problem);
        return result.Text!;
    }

    /// <summary>A <c>when:</c> condition as this host's run evaluates it.</summary>
    public bool Holds(string condition)
    {
        var (value, error, _) = TemplateEngine.Condition(condition, _session.Vars);
        error.ShouldBeNull();
        return value;
    }

    public void Dispose() => _dir.Dispose();
}
