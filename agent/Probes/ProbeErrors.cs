using System.Net.Sockets;
using MailKit.Net.Pop3;
using MailKit.Net.Smtp;

namespace Provisioner.Probes;

/// <summary>Short, human descriptions of what came back when a connection or protocol step failed.</summary>
internal static class ProbeErrors
{
    public static string Describe(Exception ex) => ex switch
    {
        SocketException se => Describe(se),
        SmtpCommandException sc => $"{(int)sc.StatusCode} {sc.Message.Trim()}",
        Pop3CommandException pc => $"-ERR {pc.StatusText.Trim()}".TrimEnd(),
        MailKit.Security.SslHandshakeException sh => $"TLS handshake failed: {FirstSentence(sh.Message)}",
        System.Security.Authentication.AuthenticationException ae => $"TLS handshake failed: {ae.Message}",
        MailKit.Security.AuthenticationException au => $"authentication failed: {au.Message.Trim()}",
        NotSupportedException ns => ns.Message,
        IOException io when io.InnerException is SocketException inner => $"connection lost: {Describe(inner)}",
        IOException io => $"connection lost: {io.Message}",
        MailKit.ProtocolException pe => $"protocol error: {pe.Message}",
        _ => $"{ex.GetType().Name}: {ex.Message}",
    };

    public static string Describe(SocketException se) => se.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => "connection refused",
        SocketError.ConnectionReset => "connection reset",
        SocketError.TimedOut => "connection timed out",
        SocketError.HostUnreachable or SocketError.NetworkUnreachable => "host unreachable",
        SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData => "name did not resolve",
        SocketError.AddressNotAvailable => "source address is not configured on this machine",
        var other => $"socket error {other}",
    };

    private static string FirstSentence(string message)
    {
        var i = message.IndexOf(". ", StringComparison.Ordinal);
        return i > 0 ? message[..(i + 1)] : message;
    }
}
