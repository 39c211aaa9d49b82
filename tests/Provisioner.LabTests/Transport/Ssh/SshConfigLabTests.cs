using Provisioner.Inventories;
using Provisioner.Templating;
using Provisioner.Transport;
using Provisioner.Transport.SshConfig;
using Provisioner.Variables;
using Provisioner.Yaml;

namespace Provisioner.LabTests.Transport.Ssh;

/// <summary>A host reached by what an ssh config file says about it, as OpenSSH reads it (ssh -G).</summary>
[Collection(SshLabCollection.Name)]
public sealed class SshConfigLabTests(SshLab lab) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("provision-sshcfg-lab-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Config(string user) => WriteConfig($"""
        Host lab-target
          HostName {lab.Target.Host.Address}
          User {user}
          Port 22
          IdentityFile {SshLab.RootKey}
          UserKnownHostsFile {lab.KnownHosts}
        """);

    private string WriteConfig(string text)
    {
        var path = Path.Combine(_dir, "config");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task A_host_alias_is_reached_with_the_name_user_key_and_known_hosts_of_the_config()
    {
        var host = new HostConnection("web", "lab-target") { SshConfig = new SshClientArgs(Config("root"), []) };

        await using var connected = await SshLab.ConnectAsync(host);

        (connected.Connection.Address, connected.Connection.User, connected.Connection.KnownHostsFile).ShouldBe((lab.Target.Host.Address, "root", lab.KnownHosts));
        (await SshLab.RunAsync(connected, "id -un; echo $SSH_CONNECTION | cut -d' ' -f3")).ShouldBe($"root\n{lab.Target.Host.Address}");
    }

    [Fact]
    public async Task Inventory_values_win_over_the_config_as_in_Ansible()
    {
        // The config names a user whose authorized key is another one; the inventory's ansible_user wins.
        var vars = Vars.Empty(new SecretSet()).Merge([
            new("ansible_host", "lab-target"),
            new("ansible_user", "root"),
            new("ansible_ssh_common_args", $"-F {Config("deploy")}"),
        ]);
        var d = new Diagnostics();
        var host = ConnectionSettings.From(vars, "web", d);
        d.Items.ShouldBeEmpty();

        await using var connected = await SshLab.ConnectAsync(host);
        (await SshLab.RunAsync(connected, "id -un")).ShouldBe("root");
    }

    [Fact]
    public async Task Without_the_inventory_user_the_config_user_is_used()
    {
        var host = new HostConnection("web", "lab-target") { SshConfig = new SshClientArgs(Config("deploy"), []) };
        var failed = (await SshLab.Connect(host)).ShouldBeOfType<ConnectOutcome.Failed>();
        failed.Kind.ShouldBe(ConnectFailure.AuthFailed);
        failed.Message.ShouldStartWith($"deploy@{lab.Target.Host.Address} refused key {SshLab.RootKey}");
    }
}
