using Provisioner.Inventories;
using Provisioner.Tests.Playbooks;
using Provisioner.Yaml;

namespace Provisioner.Tests.Inventories;

public sealed class InventoryLoaderTests
{
    private static Inventory Lab()
    {
        var d = new Diagnostics();
        var inventory = InventoryLoader.Load(Fixture.Path("inventory/hosts.yml"), d);
        d.Items.ShouldBeEmpty();
        return inventory.ShouldNotBeNull();
    }

    [Fact]
    public void Hosts_come_in_declaration_order_with_every_group_they_are_in()
    {
        var inv = Lab();
        inv.Hosts.Select(h => h.Name).ShouldBe(["bastion", "mx1", "mx2", "web1", "web2", "db1"]);
        inv.FindHost("mx1")!.Groups.ShouldBe(["mail", "prod"]);
        inv.FindHost("mx2")!.Groups.ShouldBe(["mail", "lab"]);
        inv.FindHost("bastion")!.Groups.ShouldBe(["ungrouped"]);
        inv.FindHost("mx1")!.Span.ShouldBe(new SourceSpan(Fixture.Path("inventory/hosts.yml"), 14, 9));
    }

    [Fact]
    public void Groups_know_their_depth_below_all()
    {
        var inv = Lab();
        inv.Groups.Select(g => (g.Name, g.Depth)).ShouldBe([("all", 0), ("ungrouped", 1), ("mail", 1), ("lab", 2), ("prod", 2), ("web", 1)]);
        inv.FindGroup("mail")!.Children.ShouldBe(["lab", "prod"]);
        inv.FindGroup("prod")!.Hosts.ShouldBe(["mx1"]);
    }

    [Fact]
    public void Inline_vars_and_vars_directories_are_kept_as_nodes()
    {
        var inv = Lab();
        ((ScalarNode)inv.FindGroup("all")!.Vars.Get("ntp_server")!).Value.ShouldBe("pool.ntp.org");
        inv.FindGroup("all")!.VarsFiles.Single().Get("level").ShouldBeOfType<ScalarNode>().Value.ShouldBe("all-file");
        inv.FindGroup("mail")!.VarsFiles.Count.ShouldBe(2);
        inv.FindGroup("lab")!.VarsFiles.Single().Span.File.ShouldEndWith("lab.yaml");
        inv.FindHost("mx2")!.VarsFiles.Single().Get("user").ShouldBeOfType<ScalarNode>().Value.ShouldBe("deploy");
        inv.FindHost("mx1")!.Vars.Get("ansible_become_pass").ShouldBeOfType<ScalarNode>().Secret.ShouldBeTrue();
        inv.FindGroup("mail")!.VarsFiles[1].Get("dovecot_password")!.ContainsSecret.ShouldBeTrue();
    }

    [Fact]
    public void Vars_files_for_unknown_names_are_ignored_as_in_ansible_and_noted_with_a_suggestion()
    {
        using var dir = new TempDir();
        var path = dir.Write("hosts.yml", "all:\n  children:\n    mail:\n      hosts: { mx1: }\n");
        dir.Write("group_vars/maill.yml", "a: 1\n");
        dir.Write("host_vars/mx9.yml", "b: 1\n");
        var d = new Diagnostics();
        var inventory = InventoryLoader.Load(path, d).ShouldNotBeNull();
        d.Items.ShouldBeEmpty();
        inventory.Groups.ShouldNotContain(g => g.Name == "maill");
        d.Notes.Select(n => n.ToString()).ShouldBe([
            $"{Path.Combine(dir.Path, "group_vars", "maill.yml")}:1:1: group_vars/maill.yml is for group 'maill', which the inventory does not define: not read, as in Ansible — did you mean 'mail'? rename the file",
            $"{Path.Combine(dir.Path, "host_vars", "mx9.yml")}:1:1: host_vars/mx9.yml is for host 'mx9', which the inventory does not define: not read, as in Ansible — did you mean 'mx1'? rename the file",
        ]);
    }

    [Fact]
    public void Unknown_group_key_is_reported()
    {
        using var dir = new TempDir();
        var path = dir.Write("hosts.yml", "all:\n  children:\n    mail:\n      host: { mx1: }\n");
        var d = new Diagnostics();
        InventoryLoader.Load(path, d);
        d.Items.Single().ToString().ShouldBe($"{path}:4:7: unknown key 'host' in group 'mail' — did you mean 'hosts'?");
    }

    [Fact]
    public void Top_level_groups_beside_all_are_children_of_all()
    {
        using var dir = new TempDir();
        var path = dir.Write("hosts.yml", "mail:\n  hosts: { mx1: }\nweb:\n  hosts: { w1: }\n");
        var inv = InventoryLoader.Load(path, new Diagnostics())!;
        inv.FindGroup("all")!.Children.ShouldBe(["ungrouped", "mail", "web"]);
        InventoryPattern.Match(inv, "all").Select(h => h.Name).ShouldBe(["mx1", "w1"]);
    }

    [Fact]
    public void A_group_cycle_is_reported()
    {
        using var dir = new TempDir();
        var path = dir.Write("hosts.yml", "all:\n  children:\n    a:\n      children:\n        b:\n          children:\n            a:\n");
        var d = new Diagnostics();
        InventoryLoader.Load(path, d);
        d.Items.ShouldContain(i => i.Message.Contains("group 'a' is its own descendant"));
    }
}
