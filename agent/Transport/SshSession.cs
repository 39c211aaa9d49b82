using Renci.SshNet;

namespace Provisioner.Transport;

/// <summary>
/// An authenticated session with a host, and the bastion sessions and forwarded ports it runs through
/// (ProxyJump). Disposing closes the whole chain, innermost first.
/// </summary>
internal sealed class SshSession(SshClient client, IReadOnlyList<IDisposable> route) : IDisposable
{
    public SshClient Client { get; } = client;

    public bool IsConnected => Client.IsConnected;

    public string ServerVersion => Client.ConnectionInfo.ServerVersion ?? "";

    public void Dispose()
    {
        Client.Dispose();
        foreach (var part in route.Reverse()) part.Dispose();
    }
}
