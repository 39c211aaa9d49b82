using Provisioner.Tests.Transport.Agent;
using Provisioner.Transport;
using Provisioner.Transport.SshConfig;

namespace Provisioner.LabTests.Transport.Ssh;

/// <summary>
/// OpenSSH certificates against t-ssh2's real sshd: user keys in no authorized_keys, certified by a CA
/// the server trusts; and the server's host certificate, trusted through a @cert-authority line.
/// </summary>
[Collection(SshLabCollection.Name)]
public sealed class CertificateLabTests(SshLab lab) : IDisposable
{
    private readonly RealAgent _agent = new();

    public void Dispose() => _agent.Dispose();

    private HostConnection Target(string key) => lab.TargetRoot() with { IdentityFile = key, IdentityAgent = "none" };

    [Fact]
    public async Task Logs_in_with_the_KEY_cert_pub_beside_the_key()
    {
        var key = lab.CertifiedKey(_agent.Directory, "certified");
        await using var host = await SshLab.ConnectAsync(Target(key));
        (await SshLab.RunAsync(host, "id -un")).ShouldBe("root");
    }

    /// <summary>
    /// A key whose public key starts with byte 0xff, which SSH.NET misreads inside its certificate
    /// (the unit test fixture), certified here by the server's user CA.
    /// </summary>
    [Fact]
    public async Task Logs_in_with_the_certificate_of_a_key_starting_with_byte_0xff()
    {
        var fixture = Path.GetFullPath(Path.Combine(Here(), "..", "..", "..", "Provisioner.Tests", "Fixtures", "ssh-cert"));
        var key = Path.Combine(_agent.Directory, "ff-key");
        File.Copy(Path.Combine(fixture, "ff-key"), key);
        File.Copy(Path.Combine(fixture, "ff-key.pub"), key + ".pub");
        _agent.Run("ssh-keygen", "-q", "-s", lab.UserCa, "-I", "ff-key", "-n", "root", "-V", "-5m:+1h", key + ".pub");

        await using var host = await SshLab.ConnectAsync(Target(key));
        (await SshLab.RunAsync(host, "id -un")).ShouldBe("root");
    }

    private static string Here([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    [Fact]
    public async Task Without_its_certificate_the_key_is_refused()
    {
        var key = lab.CertifiedKey(_agent.Directory, "certified");
        File.Delete(key + "-cert.pub");
        (await SshLab.Connect(Target(key))).ShouldBeOfType<ConnectOutcome.Failed>().Kind.ShouldBe(ConnectFailure.AuthFailed);
    }

    [Fact]
    public async Task A_certificate_for_another_principal_is_refused()
    {
        var key = lab.CertifiedKey(_agent.Directory, "certified", principal: "deploy");
        (await SshLab.Connect(Target(key))).ShouldBeOfType<ConnectOutcome.Failed>().Kind.ShouldBe(ConnectFailure.AuthFailed);
    }

    [Fact]
    public async Task Logs_in_with_the_CertificateFile_of_the_ssh_config()
    {
        var key = lab.CertifiedKey(_agent.Directory, "certified");
        var elsewhere = Path.Combine(_agent.Directory, "elsewhere.pub");
        File.Move(key + "-cert.pub", elsewhere);
        var config = Path.Combine(_agent.Directory, "config");
        File.WriteAllText(config, $"Host t-ssh2\n  HostName {lab.Target.Host.Address}\n  IdentityFile {key}\n  CertificateFile {elsewhere}\n  IdentityAgent none\n");

        var connection = new HostConnection("t-ssh2", "t-ssh2")
        {
            SshConfig = new SshClientArgs(config, []),
            KnownHostsFile = lab.KnownHosts,
            Set = InventorySet.KnownHosts,
        };
        await using var host = await SshLab.ConnectAsync(connection);
        (await SshLab.RunAsync(host, "id -un")).ShouldBe("root");
    }

    [Fact]
    public async Task Logs_in_with_a_certificate_held_by_the_agent()
    {
        var key = lab.CertifiedKey(_agent.Directory, "certified");
        _agent.Add(key); // ssh-add loads KEY-cert.pub with the key
        foreach (var file in new[] { key, key + ".pub", key + "-cert.pub" }) File.Delete(file);

        await using var host = await SshLab.ConnectAsync(lab.TargetRoot() with { IdentityFile = null, IdentityAgent = _agent.Socket });
        (await SshLab.RunAsync(host, "id -un")).ShouldBe("root");
    }

    private string KnownHostsTrusting(string caPublicKey)
    {
        var path = Path.Combine(_agent.Directory, "known_hosts");
        File.WriteAllText(path, $"@cert-authority 198.18.*,10.77.* {File.ReadAllText(caPublicKey).Trim()}\n");
        return path;
    }

    [Fact]
    public async Task The_host_certificate_is_trusted_through_a_cert_authority_line()
    {
        await using var host = await SshLab.ConnectAsync(lab.TargetRoot() with { KnownHostsFile = KnownHostsTrusting(lab.HostCa + ".pub") });
        (await SshLab.RunAsync(host, "id -un")).ShouldBe("root");
    }

    [Fact]
    public async Task A_host_certificate_from_an_untrusted_CA_is_refused_saying_why()
    {
        var stranger = _agent.NewKey("stranger_ca");
        var knownHosts = KnownHostsTrusting(stranger + ".pub");

        var failed = (await SshLab.Connect(lab.TargetRoot() with { KnownHostsFile = knownHosts })).ShouldBeOfType<ConnectOutcome.Failed>();

        failed.Kind.ShouldBe(ConnectFailure.HostKeyUnknown);
        failed.Message.ShouldStartWith($"host key for {lab.Target.Host.Address} is not in {knownHosts}");
        failed.Message.ShouldContain("(the host's certificate is not trusted: its CA ED25519 SHA256:");
    }
}
