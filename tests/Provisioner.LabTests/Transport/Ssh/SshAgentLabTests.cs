using Provisioner.Tests.Transport.Agent;
using Provisioner.Transport;
using Provisioner.Transport.SshConfig;

namespace Provisioner.LabTests.Transport.Ssh;

/// <summary>Logging in with keys held by a real ssh-agent, whose private part need not be on disk.</summary>
[Collection(SshLabCollection.Name)]
public sealed class SshAgentLabTests(SshLab lab) : IDisposable
{
    private readonly RealAgent _agent = new();

    public void Dispose() => _agent.Dispose();

    /// <summary>A copy of the lab's root key, added to the agent.</summary>
    private string AddLabKey()
    {
        var copy = Path.Combine(_agent.Directory, "lab_key");
        File.Copy(SshLab.RootKey, copy);
        File.Copy(SshLab.RootKey + ".pub", copy + ".pub");
        File.SetUnixFileMode(copy, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        _agent.Add(copy);
        return copy;
    }

    [Fact]
    public async Task Logs_in_with_a_key_only_the_agent_holds()
    {
        var copy = AddLabKey();
        File.Delete(copy);
        File.Delete(copy + ".pub");

        await using var host = await SshLab.ConnectAsync(lab.TargetRoot() with { IdentityFile = null, IdentityAgent = _agent.Socket });
        (await SshLab.RunAsync(host, "id -un")).ShouldBe("root");
    }

    [Fact]
    public async Task The_agent_socket_can_come_from_the_ssh_config()
    {
        AddLabKey();
        var config = Path.Combine(_agent.Directory, "config");
        File.WriteAllText(config, $"Host {lab.Target.Host.Address}\n  IdentityAgent {_agent.Socket}\n  IdentityFile {_agent.Directory}/absent\n");

        await using var host = await SshLab.ConnectAsync(lab.TargetRoot() with { IdentityFile = null, SshConfig = new SshClientArgs(config, []), Set = InventorySet.KnownHosts });
        (await SshLab.RunAsync(host, "id -un")).ShouldBe("root");
    }

    [Fact]
    public async Task An_encrypted_key_file_the_agent_holds_needs_no_passphrase()
    {
        var copy = AddLabKey();
        _agent.Run("ssh-keygen", "-q", "-p", "-P", "", "-N", "not-typed-anywhere", "-f", copy);

        await using var host = await SshLab.ConnectAsync(lab.TargetRoot() with { IdentityFile = copy, IdentityAgent = _agent.Socket });
        (await SshLab.RunAsync(host, "id -un")).ShouldBe("root");
    }

    [Fact]
    public async Task An_agent_that_refuses_to_sign_is_an_auth_failure_naming_it()
    {
        // ssh-add -c: every signature needs a confirmation that no one can give here, so the agent refuses.
        var copy = Path.Combine(_agent.Directory, "lab_key");
        File.Copy(SshLab.RootKey, copy);
        File.SetUnixFileMode(copy, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        _agent.Run("ssh-add", "-q", "-c", copy);

        var outcome = await SshLab.Connect(lab.TargetRoot() with { IdentityFile = null, IdentityAgent = _agent.Socket });

        var failed = outcome.ShouldBeOfType<ConnectOutcome.Failed>();
        failed.Kind.ShouldBe(ConnectFailure.AuthFailed);
        failed.Message.ShouldStartWith($"t-ssh2: the agent at {_agent.Socket} refused to sign with key SHA256:");
        failed.Message.ShouldEndWith("check the agent is running (ssh-add -l)");
    }

    [Fact]
    public async Task An_agent_without_an_accepted_key_is_an_auth_failure_saying_to_ssh_add()
    {
        _agent.Add(_agent.NewKey("stranger"));

        var outcome = await SshLab.Connect(lab.TargetRoot() with { IdentityFile = null, IdentityAgent = _agent.Socket });

        var failed = outcome.ShouldBeOfType<ConnectOutcome.Failed>();
        failed.Kind.ShouldBe(ConnectFailure.AuthFailed);
        failed.Message.ShouldStartWith($"t-ssh2: the agent at {_agent.Socket} holds no key accepted by root@{lab.Target.Host.Address} (1 offered: ");
        failed.Message.ShouldContain("ssh-add the key whose public half is in the user's ~/.ssh/authorized_keys");
    }

    [Fact]
    public async Task No_key_and_no_agent_says_what_was_looked_for()
    {
        var outcome = await SshLab.Connect(lab.TargetRoot() with { IdentityFile = null, IdentityFiles = [Path.Combine(_agent.Directory, "absent")], IdentityAgent = "none" });

        var failed = outcome.ShouldBeOfType<ConnectOutcome.Failed>();
        failed.Kind.ShouldBe(ConnectFailure.AuthFailed);
        failed.Message.ShouldBe($"t-ssh2: no key to offer: none of the configured IdentityFiles ({_agent.Directory}/absent) exists, and no agent (SSH_AUTH_SOCK is not set); " +
                                "set identity_file in the inventory, or start ssh-agent and ssh-add your key");
    }
}
