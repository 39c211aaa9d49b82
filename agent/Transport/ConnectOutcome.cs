namespace Provisioner.Transport;

public enum ConnectFailure
{
    /// <summary>No TCP connection or SSH handshake (refused, timed out, dropped); retried before reporting.</summary>
    Unreachable,
    /// <summary>The server refused the key, or the key could not be loaded (missing file, passphrase).</summary>
    AuthFailed,
    HostKeyUnknown,
    /// <summary>known_hosts trusts another key for this host, or lists the offered key as @revoked.</summary>
    HostKeyChanged,
}

public sealed record ConnectOptions
{
    /// <summary>Trust and record keys of hosts not yet in known_hosts. A changed key is never accepted.</summary>
    public bool AcceptNewHostKeys { get; init; }
}

/// <summary>The result of connecting: the engine maps Failed to an Unreachable host result, never an exception.</summary>
public abstract record ConnectOutcome
{
    private ConnectOutcome() { }

    public sealed record Connected(SshRemoteHost Host) : ConnectOutcome;

    /// <summary>Message says what happened and what to do about it; it never contains secrets.</summary>
    public sealed record Failed(ConnectFailure Kind, string Message) : ConnectOutcome;
}
