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
    [InlineData("ansible_ssh_common_args: \"-o ProxyJump=bastion\"", "'ansible_ssh_common_args'")]
    [InlineData("ansible_ssh_extra_args: -4", "'ansible_ssh_extra_args'")]
    [InlineData("ansible_password: hunter2", "'ansible_password'")]
    [InlineData("ansible_connection: local", "'ansible_connection: local'")]
    [InlineData("ansible_become_method: su", "'ansible_become_method: su'")]
    [InlineData("ansible_become_user: postgres", "'ansible_become_user: postgres'")]
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
}
