using Provisioner.Transport;
using Provisioner.Transport.Agent;
using Renci.SshNet;

namespace Provisioner.Tests.Transport.Agent;

/// <summary>Which keys a host is offered, and in what order, with a real ssh-agent and real key files.</summary>
public sealed class CredentialsTests : IDisposable
{
    private readonly RealAgent _agent = new();

    public void Dispose() => _agent.Dispose();

    private HostConnection Host => new("h", "192.0.2.1") { IdentityAgent = _agent.Socket };

    [Fact]
    public void A_key_file_the_agent_holds_is_signed_by_the_agent_and_other_agent_keys_follow()
    {
        var mine = _agent.NewKey("mine");
        var other = _agent.NewKey("other");
        _agent.Add(other);
        _agent.Add(mine);

        var (credentials, error) = Credentials.Load(Host with { IdentityFile = mine });

        error.ShouldBeNull();
        using var _ = credentials;
        credentials!.FilePaths.ShouldBeEmpty();
        credentials.Sources.Select(s => s.ShouldBeOfType<AgentKeySource>().Identities.Single().Comment).ShouldBe(["mine", "other"]);
    }

    [Fact]
    public void IdentitiesOnly_offers_the_configured_keys_only()
    {
        var mine = _agent.NewKey("mine");
        _agent.Add(_agent.NewKey("other"));

        var (credentials, _) = Credentials.Load(Host with { IdentityFiles = [mine], IdentitiesOnly = true });

        using var _c = credentials;
        credentials!.Sources.ShouldHaveSingleItem().ShouldBeOfType<PrivateKeyFile>();
        credentials.Describe().ShouldBe($"key {mine}");
    }

    [Fact]
    public void A_configured_key_that_cannot_be_loaded_is_skipped_when_the_agent_has_keys()
    {
        var locked = _agent.NewKey("locked");
        _agent.Run("ssh-keygen", "-q", "-p", "-P", "", "-N", "pass-phrase", "-f", locked);
        File.Delete(locked + ".pub"); // so the agent cannot stand in for it
        _agent.Add(_agent.NewKey("agent"));

        var (credentials, error) = Credentials.Load(Host with { IdentityFiles = [locked] });

        error.ShouldBeNull();
        using var _ = credentials;
        credentials!.Describe().ShouldBe($"1 key from the agent at {_agent.Socket}");
    }

    [Fact]
    public void An_inventory_key_that_cannot_be_loaded_is_an_error_naming_the_fix()
    {
        var locked = _agent.NewKey("locked");
        _agent.Run("ssh-keygen", "-q", "-p", "-P", "", "-N", "pass-phrase", "-f", locked);

        var (credentials, error) = Credentials.Load(Host with { IdentityFile = locked });

        credentials.ShouldBeNull();
        error.ShouldBe($"h: {locked} is encrypted; ssh-add it to your agent, or set identity_passphrase_env to the name of an environment variable holding its passphrase");
    }

    [Fact]
    public void No_key_anywhere_says_what_was_looked_for()
    {
        var missing = Path.Combine(_agent.Directory, "missing");
        var (_, error) = Credentials.Load(Host with { IdentityFiles = [missing] });
        error.ShouldBe($"h: no key to offer: none of the configured IdentityFiles ({missing}) exists, and the agent at {_agent.Socket} holds no key; " +
                       "set identity_file in the inventory, or start ssh-agent and ssh-add your key");
    }

    [Fact]
    public void An_agent_that_is_not_running_is_named_when_nothing_else_is_offered()
    {
        var socket = Path.Combine(_agent.Directory, "gone.sock");
        var (_, error) = Credentials.Load(Host with { IdentityAgent = socket, IdentityFiles = [Path.Combine(_agent.Directory, "missing")] });
        error!.ShouldContain($"and cannot talk to the agent at {socket}: ");
    }

    [Fact]
    public void A_certificate_beside_the_key_is_loaded_with_it()
    {
        var key = _agent.NewKey("certified");
        var ca = _agent.NewKey("ca");
        _agent.Run("ssh-keygen", "-q", "-s", ca, "-I", "id", "-n", "root", key + ".pub");

        var (credentials, _) = Credentials.Load(Host with { IdentityFile = key, IdentityAgent = "none" });

        using var _c = credentials;
        credentials!.Sources.Single().HostKeyAlgorithms.First().Name.ShouldBe("ssh-ed25519-cert-v01@openssh.com");
    }

    /// <summary>
    /// SSH.NET reads the Ed25519 key inside a certificate as a signed number: for a key whose first byte
    /// is 0xff (1 key in 256) it refuses the key's own certificate. The certificate must still be offered.
    /// </summary>
    [Fact]
    public void The_certificate_of_a_key_starting_with_byte_0xff_is_offered_too()
    {
        var key = Path.Combine(_agent.Directory, "ff-key");
        foreach (var name in new[] { "ff-key", "ff-key.pub", "ff-key-cert.pub" })
            File.Copy(Fixture.Path(Path.Combine("ssh-cert", name)), Path.Combine(_agent.Directory, name));
        Convert.FromBase64String(File.ReadAllText(key + ".pub").Split(' ')[1])[^32].ShouldBe((byte)0xff, "the fixture is such a key");

        var (credentials, error) = Credentials.Load(Host with { IdentityFile = key, IdentityAgent = "none" });

        error.ShouldBeNull();
        using var _c = credentials;
        var algorithms = credentials!.Sources.Single().HostKeyAlgorithms.Select(a => a.Name).ToList();
        algorithms.ShouldBe(["ssh-ed25519-cert-v01@openssh.com", "ssh-ed25519"]);
        // What is sent as the public key is the certificate itself, byte for byte.
        var certificate = Convert.FromBase64String(File.ReadAllText(key + "-cert.pub").Split(' ')[1]);
        credentials.Sources.Single().HostKeyAlgorithms.First().Data.ShouldBe(certificate);
    }

    [Fact]
    public void A_certificate_of_another_key_is_not_offered()
    {
        var key = _agent.NewKey("mine");
        File.Copy(Fixture.Path(Path.Combine("ssh-cert", "ff-key-cert.pub")), key + "-cert.pub");

        var (credentials, error) = Credentials.Load(Host with { IdentityFile = key, IdentityAgent = "none" });

        error.ShouldBeNull();
        using var _c = credentials;
        credentials!.Sources.Single().HostKeyAlgorithms.Select(a => a.Name).ShouldBe(["ssh-ed25519"]);
    }
}
