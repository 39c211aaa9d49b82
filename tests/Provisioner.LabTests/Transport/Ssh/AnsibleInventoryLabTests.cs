using Provisioner.LabTests.Execution;
using Provisioner.Tests.Transport.Agent;

namespace Provisioner.LabTests.Transport.Ssh;

/// <summary>
/// The real program with an Ansible user's setup: an inventory naming only ansible_host and
/// ansible_ssh_common_args -J, the key in the agent of SSH_AUTH_SOCK and nowhere on disk.
/// </summary>
[Collection(SshLabCollection.Name)]
public sealed class AnsibleInventoryLabTests(SshLab lab) : IDisposable
{
    private readonly RealAgent _agent = new();

    public void Dispose() => _agent.Dispose();

    [Fact]
    public async Task Facts_of_a_host_behind_a_bastion_with_the_key_only_in_the_agent()
    {
        var copy = Path.Combine(_agent.Directory, "lab_key");
        File.Copy(SshLab.RootKey, copy);
        File.SetUnixFileMode(copy, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        _agent.Add(copy);
        File.Delete(copy);
        var inventory = Path.Combine(_agent.Directory, "hosts.yml");
        File.WriteAllText(inventory, $"""
            all:
              hosts:
                behind:
                  ansible_host: {lab.Target.Host.LanAddress}
                  known_hosts: {lab.KnownHosts}
                  ansible_ssh_common_args: '-J root@{lab.Bastion.Host.PubAddress}'
            """);

        var run = await ProvisionCli.RunAsync(new Dictionary<string, string> { ["SSH_AUTH_SOCK"] = _agent.Socket }, "facts", "behind", "-i", inventory);

        run.ExitCode.ShouldBe(0, run.ToString());
        run.StdOut.ShouldContain(lab.Target.Host.LanAddress, customMessage: run.ToString());
    }
}
