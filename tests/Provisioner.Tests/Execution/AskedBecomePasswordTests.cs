using Provisioner.Execution;
using Provisioner.Modules;
using Provisioner.Probes;
using Provisioner.Templating;
using Provisioner.Tests.Playbooks;

namespace Provisioner.Tests.ExecutionTests;

/// <summary>-K: the password asked for goes to hosts whose inventory gives none; as in Ansible, the inventory's wins.</summary>
public sealed class AskedBecomePasswordTests : IDisposable
{
    private readonly TempDir _dir = new();
    public void Dispose() => _dir.Dispose();

    [Fact]
    public void The_asked_password_fills_in_only_where_the_inventory_has_none()
    {
        var site = _dir.Write("site.yml", "- hosts: all\n  stages:\n    - name: one\n      tasks:\n        - command: 'true'\n");
        var inventory = _dir.Write("hosts.ini", "[web]\nweb1 ansible_become=True\nweb2 ansible_become=True\n");
        _dir.WriteSecret("host_vars/web1/login.secret.yml", "ansible_become_password: from-the-inventory\n");
        var request = new RunRequest(site, [inventory], [], [], new RunOptions()) { BecomePassword = "asked-with-K" };

        var prepared = RunPreparation.Prepare(request, ModuleRegistry.Default, ProbeRegistry.Default, new SecretSet());

        prepared.Diagnostics.ShouldBeEmpty();
        prepared.Hosts.Select(h => (h.Name, h.Connection.Become, h.Connection.BecomePassword))
            .ShouldBe([("web1", true, "from-the-inventory"), ("web2", true, "asked-with-K")]);
    }
}
