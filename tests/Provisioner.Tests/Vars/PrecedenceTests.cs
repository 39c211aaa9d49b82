using Provisioner.Inventories;
using Provisioner.Playbooks;
using Provisioner.Templating;
using Provisioner.Tests.Playbooks;
using Provisioner.Variables;
using Provisioner.Yaml;

namespace Provisioner.Tests.Variables;

/// <summary>
/// One row per precedence level: levels 0..N all define <c>x</c>, and the result must be level N's
/// value — so each level is proven to beat every level below it. The order is Ansible's (issue 26,
/// item 3; the inventory part is also checked against ansible-inventory in AnsibleInventoryParityTests).
/// Stage and task vars (item 12) sit where Ansible's block and task vars do, read from a parsed
/// playbook so the parser's order of them is proven too.
/// </summary>
public sealed class PrecedenceTests
{
    public static readonly string[] Levels =
    [
        "play defaults", "play defaults_files first", "play defaults_files second",
        "all inline", "parent inline", "same-depth sibling later by name", "child inline",
        "group_vars/all", "group_vars/parent", "group_vars/child",
        "host inline", "host_vars",
        "play vars", "play vars_files first", "play vars_files second",
        "stage vars", "import_stage vars", "import_tasks vars", "nested import_tasks vars", "task vars",
        "--vars-file first", "--vars-file second", "-e key=value", "-e json",
    ];

    public static TheoryData<int> Rows() => new(Enumerable.Range(0, Levels.Length));

    [Theory]
    [MemberData(nameof(Rows))]
    public void Each_level_beats_the_ones_below(int top) => Resolve(top).ShouldBe(Levels[top]);

    private static int Level(string name) => Array.IndexOf(Levels, name);

    private static string? Resolve(int top)
    {
        using var dir = new TempDir();
        string V(string level) => Level(level) <= top ? $"\"{level}\"" : "~";
        void File(string level, string path) => dir.Write(path, $"x: {V(level)}\n");

        // Host h sits in parent (depth 1) → child (depth 2), and in zeta and alpha (depth 1, equal depth: zeta wins by name).
        var inventory = dir.Write("inv/hosts.yml", $$"""
            all:
              vars: { x: {{V("all inline")}} }
              children:
                alpha:
                  hosts: { h: }
                  vars: { x: {{(top >= Level("parent inline") ? "\"alpha loses\"" : "~")}} }
                zeta:
                  hosts: { h: }
                  vars: { x: {{V("same-depth sibling later by name")}} }
                parent:
                  vars: { x: {{V("parent inline")}} }
                  children:
                    child:
                      vars: { x: {{V("child inline")}} }
                      hosts:
                        h: { x: {{V("host inline")}} }
            """);
        File("group_vars/all", "inv/group_vars/all.yml");
        File("group_vars/parent", "inv/group_vars/parent.yml");
        File("group_vars/child", "inv/group_vars/child.yml");
        File("host_vars", "inv/host_vars/h.yml");
        File("play defaults_files first", "defaults/a.yml");
        File("play defaults_files second", "defaults/b.yml");
        File("play vars_files first", "vars/a.yml");
        File("play vars_files second", "vars/b.yml");
        File("--vars-file first", "cli1.yml");
        File("--vars-file second", "cli2.yml");

        var d = new Diagnostics();
        var inv = InventoryLoader.Load(inventory, d)!;
        var span = new SourceSpan("site.yml", 1, 1);
        var playVars = (MapNode)YamlLoader.LoadText($"x: {V("play vars")}", "site.yml", d)!;
        var playDefaults = (MapNode)YamlLoader.LoadText($"x: {V("play defaults")}", "site.yml", d)!;
        var play = new Play("p", "all", [new("vars/a.yml", span), new("vars/b.yml", span)], playVars, [], null, span)
        {
            Defaults = playDefaults,
            DefaultsFiles = [new("defaults/a.yml", span), new("defaults/b.yml", span)],
        };
        var cli = ExtraVars.Layers(
            [Path.Combine(dir.Path, "cli1.yml"), Path.Combine(dir.Path, "cli2.yml")],
            [top >= Level("-e key=value") ? "x='-e key=value'" : "unused=1", top >= Level("-e json") ? "{\"x\": \"-e json\"}" : "unused=2"],
            d);
        // A null value at a level the row leaves out must not hide lower levels, so drop them.
        cli = cli.Select(WithoutNulls).ToList();
        var builder = new HostVarsBuilder(Strip(inv), cli, new SecretSet());
        var vars = builder.Build(Strip(inv).FindHost("h")!,
            PlayLayers.Load(play, dir.Path, d).Select(WithoutNulls).ToList(), d,
            PlayLayers.LoadDefaults(play, dir.Path, d).Select(WithoutNulls).ToList());
        d.Items.ShouldBeEmpty();
        return TemplateEngine.Render("{{ x }}", ScopedVars.Apply(vars, TaskScope(dir, V))).Text;
    }

    /// <summary>The vars layers of a task inside an imported stage, two imports deep, lowest first.</summary>
    private static IReadOnlyList<MapNode> TaskScope(TempDir dir, Func<string, string> v)
    {
        dir.Write("stages/s.yml", $"name: s\nvars: {{ x: {v("stage vars")} }}\ntasks:\n  - import_tasks: ../tasks/outer.yml\n    vars: {{ x: {v("import_tasks vars")} }}\n");
        dir.Write("tasks/outer.yml", $"- import_tasks: inner.yml\n  vars: {{ x: {v("nested import_tasks vars")} }}\n");
        dir.Write("tasks/inner.yml", $"- package: {{ name: p }}\n  vars: {{ x: {v("task vars")} }}\n");
        var site = dir.Write("site.yml", $"- hosts: all\n  stages:\n    - import_stage: stages/s.yml\n      vars: {{ x: {v("import_stage vars")} }}\n");
        var d = new Diagnostics();
        var playbook = PlaybookParser.Parse(site, Fakes.Modules(), Fakes.Probes(), d);
        d.Items.ShouldBeEmpty();
        return playbook!.Plays[0].Stages[0].Tasks.Single().ScopeVars.Select(WithoutNulls).ToList();
    }

    private static MapNode WithoutNulls(MapNode m) => m with { Entries = m.Entries.Where(e => e.Value is not ScalarNode { IsNull: true }).ToList() };

    private static IReadOnlyList<MapNode> Strip(IReadOnlyList<MapNode> files) => files.Select(WithoutNulls).ToList();

    private static Inventory Strip(Inventory inv) => inv with
    {
        Hosts = inv.Hosts.Select(h => h with { Vars = WithoutNulls(h.Vars), VarsFilesBySource = h.VarsFilesBySource.Select(Strip).ToList() }).ToList(),
        Groups = inv.Groups.Select(g => g with { Vars = WithoutNulls(g.Vars), VarsFilesBySource = g.VarsFilesBySource.Select(Strip).ToList() }).ToList(),
    };

    [Fact]
    public void Group_order_is_depth_then_name()
    {
        using var dir = new TempDir();
        var path = dir.Write("hosts.yml", "all:\n  children:\n    zeta: { hosts: { h: } }\n    parent:\n      children:\n        child: { hosts: { h: } }\n    alpha: { hosts: { h: } }\n");
        InventoryLoader.Load(path, new Diagnostics())!.FindHost("h")!.Groups.ShouldBe(["alpha", "parent", "zeta", "child"]);
    }

    [Fact]
    public void Ansible_group_priority_orders_groups_of_the_same_depth_and_is_no_variable()
    {
        using var dir = new TempDir();
        var path = dir.Write("hosts", "[zeta]\nh\n[alpha]\nh\n[alpha:vars]\nansible_group_priority=5\nx=alpha\n[zeta:vars]\nx=zeta\n");
        var d = new Diagnostics();
        var inventory = InventoryLoader.Load(path, d)!;
        d.Items.ShouldBeEmpty();
        inventory.FindHost("h")!.Groups.ShouldBe(["zeta", "alpha"]);
        var vars = new HostVarsBuilder(inventory, [], new SecretSet()).Build(inventory.FindHost("h")!, [], d);
        vars.Values["x"].ShouldBe("alpha");
        vars.Values.ShouldNotContainKey("ansible_group_priority");
        d.Items.ShouldBeEmpty();
    }

    [Fact]
    public void An_ansible_group_priority_that_is_no_number_is_refused_where_it_is_written()
    {
        using var dir = new TempDir();
        var path = dir.Write("hosts", "[web]\nh\n[web:vars]\nansible_group_priority=high\n");
        var d = new Diagnostics();
        InventoryLoader.Load(path, d);
        d.Items.Single().ToString().ShouldBe($"{path}:4:1: ansible_group_priority of group 'web' must be a whole number — write ansible_group_priority: 10 (higher wins among groups of the same depth; the default is 1)");
    }
}
