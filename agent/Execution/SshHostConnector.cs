using Provisioner.Transport;
using Serilog;

namespace Provisioner.Execution;

/// <summary>Connects over SSH.NET using the inventory's connection settings.</summary>
public sealed class SshHostConnector(ILogger? logger) : IConnector
{
    public async Task<ConnectAttempt> ConnectAsync(HostPlan host, bool acceptNewHostKeys, CancellationToken ct)
    {
        var outcome = await SshRemoteHost.ConnectAsync(host.Connection, new ConnectOptions { AcceptNewHostKeys = acceptNewHostKeys }, logger, ct).ConfigureAwait(false);
        return outcome switch
        {
            ConnectOutcome.Connected ok => ConnectAttempt.Ok(ok.Host),
            ConnectOutcome.Failed f => ConnectAttempt.Failed($"{f.Kind}: {f.Message}"),
            _ => ConnectAttempt.Failed("unknown connection outcome"),
        };
    }
}
