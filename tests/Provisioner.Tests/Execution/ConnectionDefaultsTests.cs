using Provisioner.Execution;
using Provisioner.Modules;
using Provisioner.Probes;
using Provisioner.Templating;
using Provisioner.Transport;
using Provisioner.Tests.Playbooks;

namespace Provisioner.Tests.ExecutionTests;

/// <summary>
/// Issue 26, item 10: -u, --private-key and -b are defaults the inventory overrides (Ansible puts
/// command-line values below every variable); -T is every host's connect timeout.
/// </summary>
public sealed class ConnectionDefaultsTests : IDisposable
{
    private readonly TempDir _dir = new();
    public void Dispose() => _dir.Dispose();

    [Fact]
    public void The_flags_fill_in_only_what_the_inventory_leaves_unsaid()
    {
        var site = _dir.Write("site.yml", "- hosts: all\n  stages:\n    - name: one\n      tasks:\n        - command: 'true'\n");
        var inventory = _dir.Write("hosts.ini", "[web]\nweb1 ansible_user=alice ansible_ssh_private_key_file=/keys/alice ansible_become=False\nweb2\n");
        var request = new RunRequest(site, [inventory], [], [], new RunOptions()) { Connection = new ConnectionDefaults("bob", "/keys/bob", Become: true, TimeoutSeconds: 7) };

        var prepared = RunPreparation.Prepare(request, ModuleRegistry.Default, ProbeRegistry.Default, new SecretSet());

        prepared.Diagnostics.ShouldBeEmpty();
        prepared.Hosts.Select(h => (h.Name, h.Connection.User, h.Connection.IdentityFile, h.Connection.Become, h.Connection.ConnectTimeout))
            .ShouldBe([("web1", "alice", "/keys/alice", false, TimeSpan.FromSeconds(7)), ("web2", "bob", "/keys/bob", true, TimeSpan.FromSeconds(7))]);
    }

    [Fact]
    public void Given_user_and_key_win_over_the_ssh_client_configuration_as_the_inventorys_do()
    {
        var c = new ConnectionDefaults("bob", "/keys/bob").Apply(new HostConnection("web2", "192.0.2.1"));

        c.Set.ShouldBe(InventorySet.User | InventorySet.Identity);
    }

    [Fact]
    public void None_changes_nothing()
    {
        var c = new HostConnection("web2", "192.0.2.1") { ConnectTimeout = TimeSpan.FromSeconds(15) };

        ConnectionDefaults.None.Apply(c).ShouldBe(c);
    }
}
