using System.Diagnostics;
using Polly;
using Renci.SshNet;
using Renci.SshNet.Common;
using Serilog;

namespace Provisioner.Transport;

/// <summary>
/// The one SSH connection to a host for the whole run. Commands are serialised (one exec channel at
/// a time). Uploads travel over the same session as an exec channel with the content on stdin
/// (see <see cref="UploadScript"/>) rather than SFTP: SSH.NET's SftpClient cannot share an
/// SshClient's session, so SFTP would mean a second connection, a second host key check and
/// a second login per host, and become-uploads would have to stage content in /tmp first.
/// </summary>
public sealed class SshRemoteHost : IRemoteHost
{
    private readonly HostConnection _connection;
    private readonly SshConnector _connector;
    private readonly IReadOnlyList<Hop> _route;
    private readonly ResiliencePipeline _retry;
    private readonly ILogger _log;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SshSession _session;
    private bool _disposed;
    private LockClaim? _claim;
    private SshLock? _held;
    private string? _lockLost;
    private readonly FaultPoint _fault = FaultPoint.FromEnvironment();

    private SshRemoteHost(HostConnection connection, SshConnector connector, IReadOnlyList<Hop> route, SshSession session, ResiliencePipeline retry, ILogger log) =>
        (_connection, _connector, _route, _session, _retry, _log) = (connection, connector, route, session, retry, log);

    public string Name => _connection.Name;

    /// <summary>The connection as used: with the ssh client configuration applied.</summary>
    public HostConnection Connection => _connection;

    /// <summary>
    /// Applies the ssh client configuration, then connects (through any jump hosts), verifying every
    /// host key and authenticating; expected failures are returned, not thrown.
    /// </summary>
    public static async Task<ConnectOutcome> ConnectAsync(HostConnection connection, ConnectOptions options, ILogger? logger, CancellationToken ct)
    {
        var log = (logger ?? Serilog.Core.Logger.None).ForContext<SshRemoteHost>().ForContext("Host", connection.Name);
        var (resolved, configProblem) = SshConfig.SshConfigResolver.Resolve(connection);
        if (resolved is null) return new ConnectOutcome.Failed(ConnectFailure.Unreachable, configProblem!);
        if (!ReferenceEquals(resolved, connection))
            log.Debug("{Host}: ssh client configuration gives {User}@{Address}:{Port}, known_hosts {KnownHosts}, jump hosts {Jumps}",
                connection.Name, resolved.User, resolved.Address, resolved.Port, resolved.KnownHostsFile, resolved.Jumps.Select(j => j.Name).ToList());
        connection = resolved;

        var route = new List<Hop>();
        foreach (var hop in connection.Jumps.Append(connection))
        {
            var (credentials, problem) = Credentials.Load(hop);
            if (credentials is null)
            {
                DisposeAll(route);
                return new ConnectOutcome.Failed(ConnectFailure.AuthFailed, ReferenceEquals(hop, connection) ? problem! : $"{problem} (jump host of {connection.Name})");
            }
            route.Add(new Hop(hop, credentials));
        }

        var connector = new SshConnector(route, options, log);
        var retry = TransportRetry.Create($"connect to {connection.KnownHostsName}", log);
        try
        {
            var (session, failure) = await retry.ExecuteAsync(async t => await connector.ConnectOnceAsync(t).ConfigureAwait(false), ct).ConfigureAwait(false);
            if (failure is not null || session is null)
            {
                DisposeAll(route);
                return failure ?? new ConnectOutcome.Failed(ConnectFailure.Unreachable, $"{connection.KnownHostsName}: no session");
            }
            log.Debug("{Host}: connected to {User}@{Address}:{Port} ({Server}) through {Jumps} jump host(s)",
                connection.Name, connection.User, connection.Address, connection.Port, session.ServerVersion, connection.Jumps.Count);
            return new ConnectOutcome.Connected(new SshRemoteHost(connection, connector, route, session, retry, log));
        }
        catch (Exception e) when (TransportRetry.IsTransient(e))
        {
            DisposeAll(route);
            return new ConnectOutcome.Failed(ConnectFailure.Unreachable, Unreachable(connection, e));
        }
        catch (SshException e)
        {
            // Not transient (e.g. no common algorithm): retrying would not help, but it is still an outcome.
            DisposeAll(route);
            return new ConnectOutcome.Failed(ConnectFailure.Unreachable,
                $"SSH session with {connection.User}@{connection.KnownHostsName} failed: {e.Message}");
        }
    }

    private static void DisposeAll(IEnumerable<Hop> route)
    {
        foreach (var hop in route) hop.Credentials.Dispose();
    }

    public Task<CommandResult> RunAsync(Command command, CancellationToken ct) => RunCoreAsync(command, command.Display(), ct);

    public string? LockLost => _lockLost;

    public async Task<HostLock> LockAsync(LockClaim claim, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var client = await _retry.ExecuteAsync(async t => await EnsureConnectedAsync(t).ConfigureAwait(false), ct).ConfigureAwait(false);
            var attempt = await TakeLockAsync(client, claim, null, ct).ConfigureAwait(false);
            // The holder is a controller on this machine that is gone (killed): its lease need not be waited out.
            if (attempt.Holder is { Controller: { } c } holder && c.ProvablyDead())
            {
                _log.Information("{Host}: the run lock's holder {Owner} was a controller on this machine that is gone; taking the lock", Name, holder.Owner);
                attempt = await TakeLockAsync(client, claim, holder.Token, ct).ConfigureAwait(false);
            }
            if (attempt.Held is { } held)
            {
                (_claim, _held) = (claim, held);
                return new HostLock(true, "locked", new LockRelease(this));
            }
            return new HostLock(false, attempt.Holder is { } h
                ? $"another provision run holds the lock on this host ({h.Describe()}); wait for it to finish"
                : attempt.Error!, null) { Holder = attempt.Holder };
        }
        catch (Exception e) when (TransportRetry.IsTransient(e) || e is HostUnavailableException)
        {
            return new HostLock(false, $"could not take the run lock: connection to {_connection.KnownHostsName} lost: {e.Message}", null);
        }
        finally
        {
            _gate.Release();
        }
    }

    private Task<SshLock.Attempt> TakeLockAsync(SshClient client, LockClaim claim, string? breakToken, CancellationToken ct)
    {
        // Always as root: the lock file lives under /var/lib/provision.
        var mode = BecomeWrapper.ModeFor(true, _connection.LoginIsRoot, _connection.BecomePassword);
        var text = BecomeWrapper.Wrap(SshLock.Script(claim, breakToken), mode, hasInput: true, readsAllInput: true);
        return SshLock.TakeAsync(client, text, BecomeWrapper.Stdin(mode, _connection.BecomePassword, null), ct);
    }

    private async ValueTask ReleaseLockAsync()
    {
        if (_disposed) return;
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_held is { } held) await held.ReleaseAsync().ConfigureAwait(false);
            (_claim, _held) = (null, null);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Disposing it releases the run lock (the handle <see cref="LockAsync"/> gives out).</summary>
    private sealed class LockRelease(SshRemoteHost host) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => host.ReleaseLockAsync();
    }

    public Task<CommandResult> UploadAsync(FileUpload upload, CancellationToken ct)
    {
        // Log the destination and size only: content may be secret, and the script is noise.
        var label = $"upload {upload.Path} ({upload.Content.Length} bytes{(upload.Secret ? ", secret" : "")})";
        return RunCoreAsync(UploadScript.ToCommand(upload), label, ct);
    }

    private async Task<CommandResult> RunCoreAsync(Command command, string display, CancellationToken ct)
    {
        var mode = BecomeWrapper.ModeFor(command.Become || _connection.Become, _connection.LoginIsRoot, _connection.BecomePassword);
        var stdin = BecomeWrapper.Stdin(mode, _connection.BecomePassword, command.Stdin);
        var text = BecomeWrapper.Wrap(command.Render(), mode, hasInput: stdin.Length > 0);
        var timeout = command.Timeout ?? _connection.CommandTimeout;
        var clock = Stopwatch.StartNew();

        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            // Nothing more runs once another run may be changing the host.
            if (_lockLost is not null) return new CommandResult(null, "", _lockLost, TimeSpan.Zero, LockLostSignal);
            _log.Debug("{Host} $ {Command}", Name, display);
            CommandResult result;
            if (command.ReadOnly)
            {
                // Safe to repeat: a dropped connection is re-opened and the command re-run.
                result = await _retry.ExecuteAsync(async t =>
                {
                    var client = await EnsureConnectedAsync(t).ConfigureAwait(false);
                    return await SshExec.RunAsync(client, text, stdin, timeout, t).ConfigureAwait(false);
                }, ct).ConfigureAwait(false);
            }
            else
            {
                // Reconnecting before the command starts is safe; re-running it after a drop is not.
                var client = await _retry.ExecuteAsync(async t => await EnsureConnectedAsync(t).ConfigureAwait(false), ct).ConfigureAwait(false);
                result = await SshExec.RunAsync(client, text, stdin, timeout, ct).ConfigureAwait(false);
            }
            LogResult(display, command.HasSecret, result);
            _fault.Passed(command);
            return result;
        }
        catch (LockLostException e)
        {
            _log.Warning("{Host} $ {Command}: not run: {Error}", Name, display, e.Message);
            return new CommandResult(null, "", e.Message, clock.Elapsed, LockLostSignal);
        }
        catch (Exception e) when (TransportRetry.IsTransient(e) || e is HostUnavailableException)
        {
            _log.Warning("{Host} $ {Command}: connection lost: {Error}", Name, display, e.Message);
            return new CommandResult(null, "", $"connection to {_connection.KnownHostsName} lost: {e.Message}", clock.Elapsed, ConnectionLostSignal);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Signal reported when the transport, not the command, failed.</summary>
    public const string ConnectionLostSignal = "connection-lost";

    /// <summary>Signal reported for a command not run because the run lost the host's lock.</summary>
    public const string LockLostSignal = "lock-lost";

    /// <summary>
    /// The connection, opened again if it dropped — and then, while the run holds the host's lock, the
    /// lock taken again with the run's token before anything else runs: if another run took it
    /// meanwhile, nothing more is run on this host (<see cref="LockLost"/>).
    /// </summary>
    private async Task<SshClient> EnsureConnectedAsync(CancellationToken ct)
    {
        if (_session.IsConnected) return _session.Client;
        if (_lockLost is not null) throw new LockLostException(_lockLost);
        _log.Information("{Host}: connection dropped, reconnecting", Name);
        _session.Dispose();
        var (session, failure) = await _connector.ConnectOnceAsync(ct).ConfigureAwait(false);
        if (session is null) throw new HostUnavailableException(failure?.Message ?? "reconnect failed");
        _session = session;
        if (_claim is { } claim)
        {
            if (_held is { } old) await old.DisposeAsync().ConfigureAwait(false);
            _held = null;
            var attempt = await TakeLockAsync(session.Client, claim, null, ct).ConfigureAwait(false);
            if (attempt.Held is null)
            {
                _lockLost = $"the connection dropped and this run could not take the host's lock back: " +
                            (attempt.Holder is { } h ? $"another run took it meanwhile ({h.Describe()})" : attempt.Error) +
                            "; this run changes nothing more on the host";
                throw new LockLostException(_lockLost);
            }
            _log.Information("{Host}: reconnected and took the run lock back", Name);
            _held = attempt.Held;
        }
        return session.Client;
    }

    private void LogResult(string display, bool secret, CommandResult r)
    {
        if (r.Ok) _log.Debug("{Host} $ {Command}: exit 0 in {Elapsed}", Name, display, r.Duration);
        else if (secret) _log.Debug("{Host} $ {Command}: exit {Exit} signal {Signal} in {Elapsed}", Name, display, r.ExitStatus, r.Signal, r.Duration);
        else _log.Debug("{Host} $ {Command}: exit {Exit} signal {Signal} in {Elapsed}: {Stderr}", Name, display, r.ExitStatus, r.Signal, r.Duration, r.Stderr.Trim());
    }

    private static string Unreachable(HostConnection c, Exception e) => c.Jumps.Count == 0
        ? $"cannot reach {c.User}@{c.KnownHostsName} after {TransportRetry.Attempts} attempts: {e.Message}. " +
          $"Check the address and port in the inventory, that the host is up and sshd listens there " +
          $"(connect timeout {c.ConnectTimeout.TotalSeconds:0.#}s)"
        : $"cannot reach {c.User}@{c.KnownHostsName} through {string.Join(", then ", c.Jumps.Select(j => $"{j.User}@{j.KnownHostsName}"))} " +
          $"after {TransportRetry.Attempts} attempts: {e.Message}. Check the address and port (as the last jump host sees them), " +
          $"that the host is up and sshd listens there, and that the jump hosts allow TCP forwarding (AllowTcpForwarding) " +
          $"(connect timeout {c.ConnectTimeout.TotalSeconds:0.#}s)";

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _disposed = true;
            // A lock still held when the host is closed goes with it, on purpose.
            if (_held is { } held) await held.ReleaseAsync().ConfigureAwait(false);
            try
            {
                if (_session.IsConnected) _session.Client.Disconnect();
            }
            catch (Exception e) when (TransportRetry.IsTransient(e) || e is SshException or ObjectDisposedException)
            {
                // The connection is already gone; nothing left to close politely.
            }
            _session.Dispose();
            DisposeAll(_route);
        }
        finally
        {
            _gate.Release();
            _gate.Dispose();
        }
    }

    /// <summary>A reconnect met a non-transient failure (host key changed, auth refused) mid-run.</summary>
    private sealed class HostUnavailableException(string message) : Exception(message);

    /// <summary>After a reconnect, the run lock belonged to another run.</summary>
    private sealed class LockLostException(string message) : Exception(message);
}
