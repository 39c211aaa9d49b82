using Provisioner.Inventories;
using Provisioner.Templating;
using Provisioner.Tests.Playbooks;
using Provisioner.Variables;
using Provisioner.Yaml;

namespace Provisioner.Tests.Inventories;

/// <summary>An Ansible connection key provision does not implement is refused where it is written, never ignored.</summary>
public sealed class AnsibleKeysTests
{
    private static IReadOnlyList<string> Problems(string hostVars)
    {
        using var dir = new TempDir();
        var file = dir.Write("hosts.yml", $"""
            all:
              hosts:
                mx1:
                  ansible_host: 192.0.2.10
            {hostVars}
            """);
        var d = new Diagnostics();
        var inventory = InventoryLoader.Load(file, d)!;
        d.Items.ShouldBeEmpty();
        new HostVarsBuilder(inventory, [], new SecretSet()).Build(inventory.FindHost("mx1")!, [], d);
        return d.Items.Select(i => i.ToString().Replace(file, "hosts.yml", StringComparison.Ordinal)).ToList();
    }

    [Theory]
    [InlineData("ansible_ssh_extra_args: -4", "'ansible_ssh_extra_args'")]
    [InlineData("ansible_password: hunter2", "'ansible_password'")]
    [InlineData("ansible_connection: local", "'ansible_connection: local'")]
    [InlineData("ansible_become_method: su", "'ansible_become_method: su'")]
    [InlineData("ansible_become_user: postgres", "'ansible_become_user: postgres'")]
    [InlineData("ansible_ssh_pass: hunter2", "'ansible_ssh_pass' (Ansible's older name for ansible_password)")]
    public void Is_refused_at_its_line(string line, string named)
    {
        var problem = Problems("      " + line).ShouldHaveSingleItem();
        problem.ShouldStartWith("hosts.yml:5:");
        problem.ShouldContain(named);
        problem.ShouldContain("not implemented");
    }

    [Theory]
    [InlineData("ansible_connection: ssh")]
    [InlineData("ansible_become_method: sudo")]
    [InlineData("ansible_become_user: root")]
    [InlineData("ansible_python_interpreter: /usr/bin/python3")]
    [InlineData("ansible_port: 2222")]
    [InlineData("ansible_user: ops")]
    public void What_provision_does_anyway_is_accepted(string line) =>
        Problems("      " + line).ShouldBeEmpty();

    /// <summary>Issue 26, item 6: the older names read as their current equivalents, and win over them as in Ansible.</summary>
    [Fact]
    public void Older_ssh_names_read_as_the_current_ones()
    {
        using var dir = new TempDir();
        var file = dir.Write("hosts", "[mail]\nmx1 ansible_ssh_host=192.0.2.9 ansible_ssh_port=2200 ansible_ssh_user=ops ansible_host=192.0.2.1\n");
        var d = new Diagnostics();
        var inventory = InventoryLoader.Load(file, d)!;
        var (_, connection) = new HostVarsBuilder(inventory, [], new SecretSet()).BuildHost(inventory.FindHost("mx1")!, [], d);
        d.Items.ShouldBeEmpty();
        (connection.Address, connection.Port, connection.User).ShouldBe(("192.0.2.9", 2200, "ops"));
    }

    [Fact]
    public void An_inventory_plugin_configuration_is_refused_as_such()
    {
        using var dir = new TempDir();
        var file = dir.Write("constructed.yml", "plugin: constructed\nstrict: false\ngroups:\n  web: \"'web' in inventory_hostname\"\n");
        var d = new Diagnostics();
        InventoryLoader.Load(file, d).ShouldBeNull();
        d.Items.Single().ToString().ShouldBe($"{file}:1:1: 'plugin: constructed' is an inventory plugin configuration: inventory plugins are not supported — write the hosts to a YAML or INI inventory; 'ansible-inventory -i constructed.yml --list -y' prints one provision reads");
    }
}
