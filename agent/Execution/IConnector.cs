using Provisioner.Transport;

namespace Provisioner.Execution;

/// <summary>Opens the one connection per host. Failures are outcomes (unreachable, auth, host key), not exceptions.</summary>
public interface IConnector
{
    Task<ConnectAttempt> ConnectAsync(HostPlan host, bool acceptNewHostKeys, CancellationToken ct);
}

public sealed record ConnectAttempt(IRemoteHost? Host, string? Error)
{
    public static ConnectAttempt Ok(IRemoteHost host) => new(host, null);
    public static ConnectAttempt Failed(string error) => new(null, error);
}
