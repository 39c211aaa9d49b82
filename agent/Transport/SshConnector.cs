using Renci.SshNet;
using Renci.SshNet.Common;
using Serilog;

namespace Provisioner.Transport;

/// <summary>
/// Opens one verified, authenticated SSH session. Expected failures (auth, host key) come back as
/// <see cref="ConnectOutcome.Failed"/>; transient network errors are thrown so the retry pipeline
/// around <see cref="ConnectOnceAsync"/> can handle them. Used for the first connect and for
/// reconnecting after a drop, so a reconnect is verified exactly like the first connection.
/// </summary>
internal sealed class SshConnector(HostConnection connection, ConnectOptions options, PrivateKeyFile key, string keyPath, ILogger log)
{
    public async Task<(SshClient? Client, ConnectOutcome.Failed? Failure)> ConnectOnceAsync(CancellationToken ct)
    {
        var info = new ConnectionInfo(connection.Address, connection.Port, connection.User,
            new PrivateKeyAuthenticationMethod(connection.User, key))
        {
            Timeout = connection.ConnectTimeout,
        };
        PreferKnownKeyTypes(info);

        HostKeyRejection? rejected = null;
        var client = new SshClient(info) { KeepAliveInterval = TimeSpan.FromSeconds(30) };
        client.HostKeyReceived += (_, e) => rejected = Verify(e);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(connection.ConnectTimeout);
        try
        {
            await client.ConnectAsync(timeout.Token).ConfigureAwait(false);
            return (client, null);
        }
        catch (Exception e)
        {
            client.Dispose();
            if (rejected is not null) return (null, rejected.ToFailure(connection));
            if (e is SshAuthenticationException)
                return (null, new ConnectOutcome.Failed(ConnectFailure.AuthFailed,
                    $"{connection.User}@{connection.KnownHostsName} refused the key {keyPath}: {e.Message}. " +
                    "Check user and identity_file in the inventory, and that the public key is in the user's ~/.ssh/authorized_keys"));
            if (e is OperationCanceledException && !ct.IsCancellationRequested)
                throw new SshOperationTimeoutException($"no SSH handshake within {connection.ConnectTimeout.TotalSeconds:0.#}s", e);
            throw;
        }
    }

    private HostKeyRejection? Verify(HostKeyEventArgs e)
    {
        var blob = e.HostKey;
        var type = HostKeyFingerprint.TypeOf(blob);
        var known = KnownHosts.Load(connection.KnownHostsFile);
        var verdict = known.Check(connection.Address, connection.Port, type, blob);

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

    /// <summary>
    /// Like ssh, negotiate a key type we already trust for the host, so a host with several keys is
    /// not reported as changed just because the server prefers a type we never recorded. Host
    /// certificates are not supported, so certificate algorithms are never offered.
    /// </summary>
    private void PreferKnownKeyTypes(ConnectionInfo info)
    {
        foreach (var alg in info.HostKeyAlgorithms.Keys.Where(a => a.Contains("-cert-", StringComparison.Ordinal)).ToList())
            info.HostKeyAlgorithms.Remove(alg);

        var knownTypes = KnownHosts.Load(connection.KnownHostsFile).KnownKeyTypes(connection.Address, connection.Port);
        if (knownTypes.Count == 0) return;
        var unwanted = info.HostKeyAlgorithms.Keys.Where(a => !knownTypes.Contains(KeyTypeOf(a))).ToList();
        if (unwanted.Count == info.HostKeyAlgorithms.Count) return; // nothing we trust is offered; let the check report it
        foreach (var alg in unwanted) info.HostKeyAlgorithms.Remove(alg);
    }

    private static string KeyTypeOf(string algorithm) => algorithm is "rsa-sha2-256" or "rsa-sha2-512" ? "ssh-rsa" : algorithm;

    private sealed record HostKeyRejection(HostKeyVerdict Verdict, byte[] Offered, string? Problem)
    {
        public ConnectOutcome.Failed ToFailure(HostConnection c) => Verdict.Status switch
        {
            _ when Problem is not null => new(ConnectFailure.HostKeyUnknown, $"{HostKeyMessages.Unknown(c, Offered)} ({Problem})"),
            HostKeyStatus.Unknown => new(ConnectFailure.HostKeyUnknown, HostKeyMessages.Unknown(c, Offered)),
            HostKeyStatus.Revoked => new(ConnectFailure.HostKeyChanged, HostKeyMessages.Revoked(c, Offered)),
            _ => new(ConnectFailure.HostKeyChanged, HostKeyMessages.Changed(c, Offered, Verdict)),
        };
    }
}
