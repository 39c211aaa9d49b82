namespace Provisioner.Transport.Agent;

/// <summary>The agent could not be reached or answered something unexpected; the message names the socket, never a key.</summary>
public sealed class AgentException(string message, Exception? inner = null) : Exception(message, inner);
