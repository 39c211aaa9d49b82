using System.Net;
using System.Net.Sockets;

namespace Provisioner.Probes;

/// <summary>
/// Opens the probe's TCP connection itself (rather than letting MailKit resolve the name) so the
/// probe can dial the host's address while TLS uses server_name, and can leave from source_address.
/// </summary>
internal static class ProbeSocket
{
    public static async Task<Socket> ConnectAsync(string host, int port, string? sourceAddress, CancellationToken ct)
    {
        var source = sourceAddress is null ? null : IPAddress.Parse(sourceAddress);
        var target = await ResolveAsync(host, source?.AddressFamily, ct).ConfigureAwait(false);
        var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (source is not null) socket.Bind(new IPEndPoint(source, 0));
            await socket.ConnectAsync(new IPEndPoint(target, port), ct).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task<IPAddress> ResolveAsync(string host, AddressFamily? family, CancellationToken ct)
    {
        if (IPAddress.TryParse(host, out var literal)) return literal;
        var all = await Dns.GetHostAddressesAsync(host, ct).ConfigureAwait(false);
        return all.FirstOrDefault(a => family is null || a.AddressFamily == family)
            ?? throw new SocketException((int)SocketError.HostNotFound);
    }

    public static bool IsValidSource(string? sourceAddress) => sourceAddress is null || IPAddress.TryParse(sourceAddress, out _);
}
