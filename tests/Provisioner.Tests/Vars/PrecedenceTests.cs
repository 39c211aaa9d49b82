using Provisioner.Inventories;
using Provisioner.Playbooks;
using Provisioner.Templating;
using Provisioner.Tests.Playbooks;
using Provisioner.Variables;
using Provisioner.Yaml;

namespace Provisioner.Tests.Variables;

/// <summary>
/// One row per precedence level: levels 0..N all define <c>x</c>, and the result must be level N's
/// value — so each level is proven to beat every level below it.
/// </summary>
public sealed class PrecedenceTests
{
    public static readonly string[] Levels =
    [
        "play vars_files first", "play vars_files second", "play vars",
        "all inline", "group_vars/all", "parent inline", "group_vars/parent",
        "same-depth sibling later by name", "child inline", "group_vars/child",
        "host inline", "host_vars", "--vars-file first", "--vars-file second", "-e key=value", "-e json",
    ];

    public static TheoryData<int> Rows() => new(Enumerable.Range(0, Levels.Length));

    [Theory]
    [MemberData(nameof(Rows))]
    public void Each_level_beats_the_ones_below(int top) => Resolve(top).ShouldBe(Levels[top]);

    private static string? Resolve(int top)
    {
        using var dir = new TempDir();
        string V(int level) => level <= top ? $"\"{Levels[level]}\"" : "~";
        void File(int level, string path) => dir.Write(path, $"x: {V(level)}\n");

        // Host h sits in parent (depth 1) → child (depth 2), and in zeta and alpha (depth 1, equal depth: zeta wins by name).
        var inventory = dir.Write("inv/hosts.yml", $$"""
            all:
              vars: { x: {{V(3)}} }
              children:
                alpha:
                  hosts: { h: }
                  vars: { x: {{(top >= 5 ? "\"alpha loses\"" : "~")}} }
                zeta:
                  hosts: { h: }
                  vars: { x: {{V(7)}} }
                parent:
                  vars: { x: {{V(5)}} }
                  children:
                    child:
                      vars: { x: {{V(8)}} }
                      hosts:
                        h: { x: {{V(10)}} }
            """);
        File(4, "inv/group_vars/all.yml");
        File(6, "inv/group_vars/parent.yml");
        File(9, "inv/group_vars/child.yml");
        File(11, "inv/host_vars/h.yml");
        File(0, "vars/a.yml");
        File(1, "vars/b.yml");
        File(12, "cli1.yml");
        File(13, "cli2.yml");

        var d = new Diagnostics();
        var inv = InventoryLoader.Load(inventory, d)!;
        var span = new SourceSpan("site.yml", 1, 1);
        var playVars = (MapNode)YamlLoader.LoadText($"x: {V(2)}", "site.yml", d)!;
        var play = new Play("p", "all", [new("vars/a.yml", span), new("vars/b.yml", span)], playVars, [], null, span);
        var cli = ExtraVars.Layers(
            [Path.Combine(dir.Path, "cli1.yml"), Path.Combine(dir.Path, "cli2.yml")],
            [top >= 14 ? $"x='{Levels[14]}'" : "unused=1", top >= 15 ? $"{{\"x\": \"{Levels[15]}\"}}" : "unused=2"],
            d);
        // A null value at a level the row leaves out must not hide lower levels, so drop them.
        cli = cli.Select(WithoutNulls).ToList();
        var builder = new HostVarsBuilder(Strip(inv), cli, new SecretSet());
        var vars = builder.Build(Strip(inv).FindHost("h")!, PlayVarsLoader.Load(play, dir.Path, d).Select(WithoutNulls).ToList(), d);
        d.Items.ShouldBeEmpty();
        return vars.Values["x"] as string;
    }

    private static MapNode WithoutNulls(MapNode m) => m with { Entries = m.Entries.Where(e => e.Value is not ScalarNode { IsNull: true }).ToList() };

    private static Inventory Strip(Inventory inv) => inv with
    {
        Hosts = inv.Hosts.Select(h => h with { Vars = WithoutNulls(h.Vars), VarsFiles = h.VarsFiles.Select(WithoutNulls).ToList() }).ToList(),
        Groups = inv.Groups.Select(g => g with { Vars = WithoutNulls(g.Vars), VarsFiles = g.VarsFiles.Select(WithoutNulls).ToList() }).ToList(),
    };

    [Fact]
    public void Group_order_is_depth_then_name()
    {
        using var dir = new TempDir();
        var path = dir.Write("hosts.yml", "all:\n  children:\n    zeta: { hosts: { h: } }\n    parent:\n      children:\n        child: { hosts: { h: } }\n    alpha: { hosts: { h: } }\n");
        InventoryLoader.Load(path, new Diagnostics())!.FindHost("h")!.Groups.ShouldBe(["alpha", "parent", "zeta", "child"]);
    }
}
