using Provisioner.Cli;
using Provisioner.Inventories;
using Provisioner.Templating;
using Provisioner.Tests.Playbooks;
using Provisioner.Yaml;

namespace Provisioner.Tests.CliTests;

/// <summary>
/// Inventories as Ansible users bring them (Fixtures/ansible/cases), read by provision and printed as
/// <c>ansible-inventory --list</c> and <c>--graph</c> print them; the expected text is what ansible-core
/// 2.14 printed for the same files (Fixtures/ansible/regenerate), so every group, host and variable —
/// with its type — is compared with Ansible's own reading. Ansible is never run here.
/// </summary>
public sealed class AnsibleInventoryParityTests
{
    private static readonly string Root = Fixture.Path("ansible");

    public static TheoryData<string> Cases() => new(ReadCases().Keys);

    private static Dictionary<string, string[]> ReadCases() =>
        File.ReadAllLines(Path.Combine(Root, "cases"))
            .Where(l => l.Trim().Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(p => p[0], p => p[1..].Select(i => Path.Combine(Root, i)).ToArray());

    private static InventoryDump Read(string name, out Inventory inventory)
    {
        var d = new Diagnostics();
        inventory = InventoryLoader.LoadAll(ReadCases()[name], d).ShouldNotBeNull();
        d.Items.ShouldBeEmpty();
        return new InventoryDump(inventory, new SecretSet());
    }

    private static string Expected(string name, string extension) =>
        File.ReadAllText(Path.Combine(Root, "expected", name + extension)).TrimEnd('\n');

    [Theory]
    [MemberData(nameof(Cases))]
    public void List_is_what_ansible_inventory_prints(string name)
    {
        var dump = Read(name, out _);
        dump.Write(dump.List()).ShouldBe(Expected(name, ".json"));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Graph_is_what_ansible_inventory_prints(string name)
    {
        var dump = Read(name, out var inventory);
        dump.Graph(inventory.FindGroup(Inventory.AllGroup)!).ShouldBe(Expected(name, ".graph"));
    }
}
