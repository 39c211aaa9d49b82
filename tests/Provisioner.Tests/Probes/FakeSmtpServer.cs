using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Provisioner.Tests.Probes;

/// <summary>What the fake SMTP server says; the defaults are Postfix's stage-1 answers.</summary>
internal sealed record SmtpScript
{
    public string Banner { get; init; } = "220 fake.probe.test ESMTP Postfix";
    public string[] Ehlo { get; init; } = ["PIPELINING", "SIZE 10240000", "ENHANCEDSTATUSCODES", "8BITMIME"];
    public string[] EhloAfterTls { get; init; } = ["PIPELINING", "SIZE 10240000", "AUTH PLAIN", "8BITMIME"];
    /// <summary>When set, STARTTLS is offered before TLS and negotiated with this certificate.</summary>
    public X509Certificate2? Certificate { get; init; }
    public string MailReply { get; init; } = "250 2.1.0 Ok";
    public string RcptReply { get; init; } = "250 2.1.5 Ok";
    public (string User, string Password) Account { get; init; } = ("user", "right-password");
}

/// <summary>
/// A scripted SMTP server on 127.0.0.1 that speaks just enough of the protocol for MailKit:
/// greeting, EHLO, STARTTLS, AUTH PLAIN, MAIL/RCPT/RSET/DATA and QUIT.
/// </summary>
internal sealed class FakeSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly SmtpScript _script;
    private readonly Task _loop;

    public FakeSmtpServer(SmtpScript script)
    {
        _script = script;
        _listener.Start();
        _loop = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
    public List<string> Commands { get; } = [];
    /// <summary>Raw messages accepted with DATA, in the order received (a fake POP3 server can serve them).</summary>
    public List<string> Delivered { get; init; } = [];

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = Task.Run(() => ServeAsync(client));
            }
        }
        catch (OperationCanceledException) { }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var connection = client;
        Stream stream = client.GetStream();
        var (reader, writer) = Wrap(stream);
        var tls = false;
        try
        {
            await writer.WriteLineAsync(_script.Banner);
            if (_script.Banner[0] != '2') return;
            while (await reader.ReadLineAsync() is { } line)
            {
                lock (Commands) Commands.Add(line);
                var verb = line.Split(' ')[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        var caps = (tls ? _script.EhloAfterTls : _script.Ehlo).ToList();
                        if (!tls && _script.Certificate is not null) caps.Add("STARTTLS");
                        await writer.WriteLineAsync("250-fake.probe.test");
                        for (var i = 0; i < caps.Count; i++) await writer.WriteLineAsync($"250{(i == caps.Count - 1 ? ' ' : '-')}{caps[i]}");
                        if (caps.Count == 0) await writer.WriteLineAsync("250 fake.probe.test");
                        break;
                    case "STARTTLS" when !tls && _script.Certificate is not null:
                        await writer.WriteLineAsync("220 2.0.0 Ready to start TLS");
                        var ssl = new SslStream(stream);
                        await ssl.AuthenticateAsServerAsync(_script.Certificate);
                        (stream, tls) = (ssl, true);
                        (reader, writer) = Wrap(stream);
                        break;
                    case "AUTH":
                        var parts = line.Split(' ');
                        var blob = parts.Length > 2 ? parts[2] : await Challenge(reader, writer);
                        var fields = Encoding.UTF8.GetString(Convert.FromBase64String(blob)).Split('\0');
                        await writer.WriteLineAsync(fields.Length == 3 && fields[1] == _script.Account.User && fields[2] == _script.Account.Password
                            ? "235 2.7.0 Authentication successful"
                            : "535 5.7.8 Error: authentication failed: authentication failure");
                        break;
                    case "MAIL": await writer.WriteLineAsync(_script.MailReply); break;
                    case "RCPT": await writer.WriteLineAsync(_script.RcptReply); break;
                    case "RSET" or "NOOP": await writer.WriteLineAsync("250 2.0.0 Ok"); break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync() is { } body && body != ".") data.Append(body.StartsWith("..", StringComparison.Ordinal) ? body[1..] : body).Append("\r\n");
                        lock (Delivered) Delivered.Add(data.ToString());
                        await writer.WriteLineAsync("250 2.0.0 Ok: queued as 4ABC123");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 2.0.0 Bye");
                        return;
                    default: await writer.WriteLineAsync("502 5.5.2 Error: command not recognized"); break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or System.Security.Authentication.AuthenticationException or ObjectDisposedException)
        {
            // The client hung up or refused our certificate: exactly what some tests want.
        }
    }

    private static async Task<string> Challenge(StreamReader reader, StreamWriter writer)
    {
        await writer.WriteLineAsync("334 ");
        return await reader.ReadLineAsync() ?? "";
    }

    private static (StreamReader, StreamWriter) Wrap(Stream stream) =>
        (new StreamReader(stream, Encoding.ASCII, false, 1024, leaveOpen: true),
         new StreamWriter(stream, new UTF8Encoding(false), 1024, leaveOpen: true) { NewLine = "\r\n", AutoFlush = true });

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }
}
