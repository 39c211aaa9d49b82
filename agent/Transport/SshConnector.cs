using Provisioner.Transport.Agent;
using Renci.SshNet;
using Renci.SshNet.Common;
using Serilog;

namespace Provisioner.Transport;

/// <summary>One host on the way to the target: how to reach it and the keys it is offered.</summary>
internal sealed record Hop(HostConnection Connection, Credentials Credentials);

/// <summary>
/// Opens one verified, authenticated SSH session, through the bastions of <paramref name="route"/>
/// (ProxyJump) when there are any: each hop is reached by a direct-tcpip channel of the one before,
/// and its host key is verified against known_hosts under its own name, exactly like the target's.
/// Expected failures (auth, host key) come back as <see cref="ConnectOutcome.Failed"/>; transient
/// network errors are thrown so the retry pipeline around <see cref="ConnectOnceAsync"/> can handle
/// them. Used for the first connect and for reconnecting after a drop.
/// </summary>
internal sealed class SshConnector(IReadOnlyList<Hop> route, ConnectOptions options, ILogger log)
{
    public async Task<(SshSession? Session, ConnectOutcome.Failed? Failure)> ConnectOnceAsync(CancellationToken ct)
    {
        var opened = new List<IDisposable>();
        SshClient? previous = null;
        try
        {
            foreach (var (hop, index) in route.Select((h, i) => (h, i)))
            {
                var (address, port) = (hop.Connection.Address, hop.Connection.Port);
                if (previous is not null)
                {
                    // A local port that relays to the next hop over the previous session (ssh -W does the same).
                    var forward = new ForwardedPortLocal("127.0.0.1", 0, address, (uint)port);
                    previous.AddForwardedPort(forward);
                    forward.Start();
                    opened.Add(forward);
                    (address, port) = ("127.0.0.1", (int)forward.BoundPort);
                }
                var (client, failure) = await ConnectHopAsync(hop, address, port, index < route.Count - 1, ct).ConfigureAwait(false);
                if (client is null)
                {
                    Dispose(opened);
                    return (null, failure);
                }
                if (index == route.Count - 1) return (new SshSession(client, opened), null);
                opened.Add(client);
                previous = client;
            }
            throw new InvalidOperationException("empty route");
        }
        catch
        {
            Dispose(opened);
            throw;
        }
    }

    private async Task<(SshClient? Client, ConnectOutcome.Failed? Failure)> ConnectHopAsync(Hop hop, string address, int port, bool isJump, CancellationToken ct)
    {
        var c = hop.Connection;
        var via = isJump ? $" (jump host of {route[^1].Connection.Name})" : "";
        // Not to be read as empty: every key would be unknown, and the advice would append to a pipe or a directory.
        if (KnownHosts.Problem(c.KnownHostsFile) is { } problem)
            return (null, new ConnectOutcome.Failed(ConnectFailure.HostKeyUnknown, $"{c.Name}{via}: known_hosts {c.KnownHostsFile} {problem}; point known_hosts (or UserKnownHostsFile) at a regular file"));
        var info = new ConnectionInfo(address, port, c.User, new PrivateKeyAuthenticationMethod(c.User, [.. hop.Credentials.Sources]))
        {
            Timeout = c.ConnectTimeout,
        };
        HostKeyPolicy.PreferKnownKeyTypes(c, info);

        HostKeyRejection? rejected = null;
        var client = new SshClient(info) { KeepAliveInterval = TimeSpan.FromSeconds(30) };
        client.HostKeyReceived += (_, e) => rejected = Verify(c, e);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(c.ConnectTimeout);
        try
        {
            await client.ConnectAsync(timeout.Token).ConfigureAwait(false);
            return (client, null);
        }
        catch (Exception e)
        {
            client.Dispose();
            if (rejected is not null) return (null, rejected.ToFailure(c, via));
            if (e is SshAuthenticationException)
                return (null, new ConnectOutcome.Failed(ConnectFailure.AuthFailed, AuthMessages.Refused(c, hop.Credentials, e.Message) + via));
            if (e is AgentException)
                return (null, new ConnectOutcome.Failed(ConnectFailure.AuthFailed, $"{c.Name}{via}: {e.Message}; check the agent is running (ssh-add -l)"));
            if (e is OperationCanceledException && !ct.IsCancellationRequested)
                throw new SshOperationTimeoutException($"no SSH handshake with {c.KnownHostsName}{via} within {c.ConnectTimeout.TotalSeconds:0.#}s", e);
            throw;
        }
    }

    private HostKeyRejection? Verify(HostConnection connection, HostKeyEventArgs e)
    {
        var blob = e.HostKey;
        var type = HostKeyFingerprint.TypeOf(blob);
        var known = KnownHosts.Load(connection.KnownHostsFile);
        var verdict = known.Check(connection.Address, connection.Port, type, blob);

        if (e.Certificate is { } certificate && verdict.Status != HostKeyStatus.Revoked)
        {
            // As ssh: a certificate the CA vouches for is trusted; otherwise the plain key is checked as usual.
            var problem = HostCertificates.Problem(certificate, blob, known, connection.Address, connection.Port, DateTimeOffset.UtcNow);
            if (problem is null)
            {
                e.CanTrust = true;
                return null;
            }
            if (verdict.Status != HostKeyStatus.Known)
            {
                e.CanTrust = false;
                return new HostKeyRejection(verdict, blob, $"the host's certificate is not trusted: {problem}");
            }
        }

        if (verdict.Status == HostKeyStatus.Unknown && options.AcceptNewHostKeys)
        {
            try
            {
                known.Append(connection.Address, connection.Port, type, blob);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                e.CanTrust = false;
                return new HostKeyRejection(verdict, blob, $"cannot record the new key in {known.Path}: {ex.Message}");
            }
            log.Warning("{Host}: trusted new host key {KeyType} {Fingerprint}, added to {KnownHosts}",
                connection.Name, HostKeyFingerprint.DisplayType(type), HostKeyFingerprint.Sha256(blob), known.Path);
            e.CanTrust = true;
            return null;
        }

        e.CanTrust = verdict.Status == HostKeyStatus.Known;
        return e.CanTrust ? null : new HostKeyRejection(verdict, blob, null);
    }

    private static void Dispose(List<IDisposable> opened)
    {
        for (var i = opened.Count - 1; i >= 0; i--) opened[i].Dispose();
    }

    private sealed record HostKeyRejection(HostKeyVerdict Verdict, byte[] Offered, string? Problem)
    {
        public ConnectOutcome.Failed ToFailure(HostConnection c, string via) => Verdict.Status switch
        {
            _ when Problem is not null => new(ConnectFailure.HostKeyUnknown, $"{HostKeyMessages.Unknown(c, Offered)} ({Problem}){via}"),
            HostKeyStatus.Unknown => new(ConnectFailure.HostKeyUnknown, HostKeyMessages.Unknown(c, Offered) + via),
            HostKeyStatus.Revoked => new(ConnectFailure.HostKeyChanged, HostKeyMessages.Revoked(c, Offered) + via),
            _ => new(ConnectFailure.HostKeyChanged, HostKeyMessages.Changed(c, Offered, Verdict) + via),
        };
    }
}
