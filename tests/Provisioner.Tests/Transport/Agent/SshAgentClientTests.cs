using Provisioner.Transport.Agent;
using Renci.SshNet;

namespace Provisioner.Tests.Transport.Agent;

/// <summary>The agent protocol against a real ssh-agent: what it lists, and signatures SSH.NET verifies with the key file.</summary>
public sealed class SshAgentClientTests : IDisposable
{
    private readonly RealAgent _agent = new();

    public void Dispose() => _agent.Dispose();

    [Fact]
    public void An_empty_agent_lists_no_keys() =>
        new SshAgentClient(_agent.Socket).ListIdentities().ShouldBeEmpty();

    [Fact]
    public void Lists_the_added_keys_with_their_public_blobs_and_comments()
    {
        var ed = _agent.NewKey("ed");
        var rsa = _agent.NewKey("rsa", "rsa");
        _agent.Add(ed);
        _agent.Add(rsa);

        var keys = new SshAgentClient(_agent.Socket).ListIdentities();

        keys.Select(k => (k.KeyType, k.Comment)).ShouldBe([("ssh-ed25519", "ed"), ("ssh-rsa", "rsa")], ignoreOrder: true);
        keys.Single(k => k.Comment == "ed").Blob.ShouldBe(PublicBlob(ed));
    }

    [Theory]
    [InlineData("ed25519", "ssh-ed25519", "ssh-ed25519")]
    [InlineData("rsa", "rsa-sha2-512", "rsa-sha2-512")]
    [InlineData("ecdsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp256")]
    public void Signs_with_the_algorithm_ssh_net_then_verifies_with_the_private_key(string type, string algorithm, string signatureType)
    {
        var path = _agent.NewKey("k", type);
        _agent.Add(path);
        var identity = new SshAgentClient(_agent.Socket).ListIdentities().Single();
        var method = AgentHostAlgorithm.For(new SshAgentClient(_agent.Socket), identity);
        var data = "session id and request"u8.ToArray();

        method.Name.ShouldBe(algorithm);
        var signature = method.Sign(data);

        HostKeyFingerprintOf(signature).ShouldBe(signatureType);
        using var file = new PrivateKeyFile(path);
        file.HostKeyAlgorithms.Single(a => a.Name == algorithm).VerifySignature(data, signature).ShouldBeTrue();
        file.HostKeyAlgorithms.Single(a => a.Name == algorithm).VerifySignature("other data"u8.ToArray(), signature).ShouldBeFalse();
    }

    [Fact]
    public void Signing_with_a_key_the_agent_does_not_hold_is_refused_naming_the_socket_and_fingerprint()
    {
        var path = _agent.NewKey("absent");
        var e = Should.Throw<AgentException>(() => new SshAgentClient(_agent.Socket).Sign(PublicBlob(path), [1, 2, 3], 0));
        e.Message.ShouldContain($"the agent at {_agent.Socket} refused to sign with key SHA256:");
    }

    [Fact]
    public void A_socket_with_no_agent_is_an_agent_exception_naming_it()
    {
        var missing = Path.Combine(_agent.Directory, "none.sock");
        var e = Should.Throw<AgentException>(() => new SshAgentClient(missing).ListIdentities());
        e.Message.ShouldStartWith($"cannot talk to the agent at {missing}");
    }

    /// <summary>The public blob as ssh-keygen wrote it in KEY.pub.</summary>
    internal static byte[] PublicBlob(string keyPath) => Convert.FromBase64String(File.ReadAllText(keyPath + ".pub").Split(' ')[1]);

    private static string HostKeyFingerprintOf(byte[] signatureBlob) => Provisioner.Transport.HostKeyFingerprint.TypeOf(signatureBlob);
}
