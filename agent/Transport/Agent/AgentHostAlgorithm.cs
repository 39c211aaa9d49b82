using Renci.SshNet.Security;

namespace Provisioner.Transport.Agent;

/// <summary>
/// A public-key algorithm whose signatures come from the agent: SSH.NET's public-key authentication
/// asks for <see cref="Data"/> (the key or certificate blob) and <see cref="Sign"/>, nothing more.
/// RSA keys sign with SHA-512 (the agent picks the hash by flag); ssh-rsa (SHA-1) is not offered.
/// </summary>
internal sealed class AgentHostAlgorithm : HostAlgorithm
{
    private readonly SshAgentClient _agent;
    private readonly AgentIdentity _identity;
    private readonly uint _flags;

    private AgentHostAlgorithm(string name, SshAgentClient agent, AgentIdentity identity, uint flags) : base(name) =>
        (_agent, _identity, _flags) = (agent, identity, flags);

    public static AgentHostAlgorithm For(SshAgentClient agent, AgentIdentity identity) => identity.KeyType switch
    {
        "ssh-rsa" => new("rsa-sha2-512", agent, identity, SshAgentClient.RsaSha2_512),
        "ssh-rsa-cert-v01@openssh.com" => new("rsa-sha2-512-cert-v01@openssh.com", agent, identity, SshAgentClient.RsaSha2_512),
        var type => new(type, agent, identity, 0),
    };

    public override byte[] Data => _identity.Blob;

    public override byte[] Sign(byte[] data) => _agent.Sign(_identity.Blob, data, _flags);

    /// <summary>Only used for server host keys, never for a client's own key.</summary>
    public override bool VerifySignature(byte[] data, byte[] signature) =>
        throw new NotSupportedException("an agent key signs; it does not verify");
}
