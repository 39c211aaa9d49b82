using Renci.SshNet;
using Renci.SshNet.Security;

namespace Provisioner.Transport.Agent;

/// <summary>Keys held by the agent, offered to SSH.NET's public-key authentication like a key file.</summary>
internal sealed class AgentKeySource(SshAgentClient agent, IReadOnlyList<AgentIdentity> identities) : IPrivateKeySource
{
    public IReadOnlyList<AgentIdentity> Identities { get; } = identities;

    public IReadOnlyCollection<HostAlgorithm> HostKeyAlgorithms { get; } =
        identities.Select(i => (HostAlgorithm)AgentHostAlgorithm.For(agent, i)).ToList();
}
