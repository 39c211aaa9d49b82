using System.Buffers.Binary;
using System.Net.Sockets;

namespace Provisioner.Transport.Agent;

/// <summary>
/// A client of an OpenSSH-compatible agent over its Unix socket (draft-miller-ssh-agent): list the
/// keys it holds, and have it sign with one. The private keys never leave the agent. One socket
/// connection per request keeps the client stateless and safe to share between hosts.
/// </summary>
public sealed class SshAgentClient(string socketPath)
{
    public const byte Failure = 5;
    public const byte RequestIdentities = 11;
    public const byte IdentitiesAnswer = 12;
    public const byte SignRequest = 13;
    public const byte SignResponse = 14;

    /// <summary>Sign-request flags that select the hash of an RSA signature (RFC 8332).</summary>
    public const uint RsaSha2_256 = 2;
    public const uint RsaSha2_512 = 4;

    private const int MaxMessage = 256 * 1024;

    public string SocketPath { get; } = socketPath;

    /// <summary>The socket named by <c>SSH_AUTH_SOCK</c>, or null when no agent is announced.</summary>
    public static string? FromEnvironment() =>
        Environment.GetEnvironmentVariable("SSH_AUTH_SOCK") is { Length: > 0 } socket ? socket : null;

    public IReadOnlyList<AgentIdentity> ListIdentities()
    {
        var reply = new SshReader(Exchange(new SshWriter().Byte(RequestIdentities).ToArray()));
        Expect(reply.Byte(), IdentitiesAnswer, "list its keys");
        var count = reply.UInt32();
        if (count > MaxMessage) throw new AgentException($"the agent at {SocketPath} claims {count} keys");
        var keys = new List<AgentIdentity>((int)count);
        for (var i = 0; i < count; i++) keys.Add(new AgentIdentity(reply.Bytes(), reply.Text()));
        return keys;
    }

    /// <summary>The signature blob (<c>string algorithm, string signature</c>) over <paramref name="data"/>.</summary>
    public byte[] Sign(byte[] keyBlob, byte[] data, uint flags)
    {
        var request = new SshWriter().Byte(SignRequest).String(keyBlob).String(data).UInt32(flags).ToArray();
        var reply = new SshReader(Exchange(request));
        Expect(reply.Byte(), SignResponse, $"sign with key {HostKeyFingerprint.Sha256(keyBlob)} (is it still loaded, and confirmed if added with ssh-add -c?)");
        return reply.Bytes();
    }

    private void Expect(byte got, byte wanted, string what)
    {
        if (got == wanted) return;
        throw new AgentException(got == Failure
            ? $"the agent at {SocketPath} refused to {what}"
            : $"the agent at {SocketPath} answered message type {got} when asked to {what}");
    }

    private byte[] Exchange(byte[] message)
    {
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.ReceiveTimeout = socket.SendTimeout = 30_000; // ssh-add -c waits for a person to confirm
            socket.Connect(new UnixDomainSocketEndPoint(SocketPath));
            using var stream = new NetworkStream(socket, ownsSocket: false);
            var header = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(header, (uint)message.Length);
            stream.Write(header);
            stream.Write(message);
            stream.ReadExactly(header);
            var length = BinaryPrimitives.ReadUInt32BigEndian(header);
            if (length is 0 or > MaxMessage) throw new AgentException($"the agent at {SocketPath} sent a message of {length} bytes");
            var body = new byte[length];
            stream.ReadExactly(body);
            return body;
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            throw new AgentException($"cannot talk to the agent at {SocketPath}: {e.Message}", e);
        }
    }
}
