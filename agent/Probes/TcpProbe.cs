using System.Net.Sockets;
using Provisioner.HostFacts;
using Provisioner.Modules;

namespace Provisioner.Probes;

/// <summary>
/// tcp: whether a port accepts connections from the controller. "closed" covers every way a
/// firewall or an absent service shows itself (refused, reset, unreachable, silently dropped);
/// a name that does not resolve proves nothing either way and fails both.
/// </summary>
public sealed class TcpProbe : IProbe
{
    public string Name => "tcp";

    public ArgSpec Spec { get; } = new([
        ProbeArgs.Host,
        ProbeArgs.Port,
        new("state", ArgType.String, Choices: ["open", "closed"], Help: "default open"),
        ProbeArgs.SourceAddress,
        ProbeArgs.Timeout,
    ]);

    public async Task<ProbeOutcome> RunAsync(ArgReader args, HostContext host, CancellationToken ct)
    {
        var before = args.Diagnostics.Items.Count;
        var address = args.Required("host");
        var port = ProbeArgs.ReadPort(args);
        var wantOpen = args.Choice("state", "open", "open", "closed") == "open";
        var source = ProbeArgs.ReadSource(args);
        var timeout = ProbeArgs.ReadTimeout(args);
        if (ProbeArgs.InvalidSince(args, before) is { } invalid) return invalid;

        var target = $"{address}:{port}";
        var expected = wantOpen ? $"{target} accepts TCP connections" : $"{target} refuses or drops TCP connections";
        var (open, what) = await TryConnectAsync(address, port, source, timeout, ct).ConfigureAwait(false);
        return open switch
        {
            null => ProbeOutcome.Fail(expected, what),
            var o => new ProbeOutcome(o == wantOpen, expected, what),
        };
    }

    /// <summary>True = open, false = closed, null = could not tell (name or source address problem).</summary>
    private static async Task<(bool? Open, string What)> TryConnectAsync(string address, int port, string? source, TimeSpan timeout, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            using var socket = await ProbeSocket.ConnectAsync(address, port, source, deadline.Token).ConfigureAwait(false);
            return (true, $"connected to {address}:{port}");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return (false, $"no answer within {timeout.TotalSeconds:0} s (filtered)");
        }
        catch (SocketException se) when (se.SocketErrorCode is SocketError.ConnectionRefused or SocketError.ConnectionReset
            or SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.TimedOut)
        {
            return (false, ProbeErrors.Describe(se));
        }
        catch (SocketException se)
        {
            return (null, ProbeErrors.Describe(se));
        }
    }
}
