using MailKit.Net.Smtp;
using MailKit.Security;

namespace Provisioner.Probes;

/// <summary>
/// One SMTP conversation of a probe: our socket (source_address, address vs server_name), MailKit
/// on top, the server's side of the transcript for the greeting, and a strict certificate policy.
/// A refusal at connect (Postfix smtpd_delay_reject=no, postscreen 521) is a result, not an error.
/// </summary>
internal sealed class SmtpSession : IAsyncDisposable
{
    private SmtpSession(ProbeSmtpClient client, ServerTranscript transcript, string? rejectedGreeting)
    {
        Client = client;
        Transcript = transcript;
        RejectedGreeting = rejectedGreeting;
    }

    public ProbeSmtpClient Client { get; }
    public ServerTranscript Transcript { get; }
    /// <summary>The 4xx/5xx greeting when the server refused this client at connect.</summary>
    public string? RejectedGreeting { get; }
    public string Greeting => Transcript.Greeting ?? "(no greeting)";

    /// <summary>Null when the connection failed; the failure is recorded in the log.</summary>
    public static async Task<SmtpSession?> OpenAsync(TlsEndpoint at, SecureSocketOptions mode, string? helo, CheckLog log, CancellationToken ct)
    {
        var how = mode switch { SecureSocketOptions.StartTls => " with STARTTLS", SecureSocketOptions.SslOnConnect => " over implicit TLS", _ => "" };
        log.Step($"an SMTP session on {at.Where}{how}");
        var transcript = new ServerTranscript();
        var policy = at.Policy(strict: true);
        var client = MailClients.Smtp(at, policy, transcript, helo);
        System.Net.Sockets.Socket? socket = null;
        try
        {
            socket = await ProbeSocket.ConnectAsync(at.Host, at.Port, at.SourceAddress, ct).ConfigureAwait(false);
            await client.ConnectAsync(socket, at.ServerName, at.Port, mode, ct).ConfigureAwait(false);
            return new SmtpSession(client, transcript, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            socket?.Dispose();
            if (transcript.Greeting is { } g && g[0] is '4' or '5')
                return new SmtpSession(client, transcript, g);
            client.Dispose();
            log.Fail(ex is SslHandshakeException or System.Security.Authentication.AuthenticationException ? policy.DescribeFailure(ex) : ProbeErrors.Describe(ex));
            return null;
        }
        catch
        {
            socket?.Dispose();
            client.Dispose();
            throw;
        }
    }

    /// <summary>A command's reply; MailKit may throw on a 4xx/5xx reply, which here is just an answer.</summary>
    public async Task<SmtpResponse> ReplyAsync(string command, CancellationToken ct)
    {
        try { return await Client.CommandAsync(command, ct).ConfigureAwait(false); }
        catch (SmtpCommandException ex) { return new SmtpResponse(ex.StatusCode, ex.Message); }
    }

    public static string Describe(SmtpResponse r) => $"{(int)r.StatusCode} {r.Response.ReplaceLineEndings(" ").Trim()}";

    public string Capabilities()
    {
        // MailKit keeps the STARTTLS flag after the upgrade; a server no longer offers it then (RFC 3207).
        var words = CapabilityWords
            .Where(w => Client.Capabilities.HasFlag(w.Flag) && !(w.Flag == SmtpCapabilities.StartTLS && Client.IsSecure))
            .Select(w => w.Word).ToList();
        if (Client.Capabilities.HasFlag(SmtpCapabilities.Authentication))
            words.Add("AUTH " + string.Join(' ', Client.AuthenticationMechanisms.Order(StringComparer.Ordinal)));
        return words.Count == 0 ? "EHLO capabilities: (none)" : "EHLO capabilities: " + string.Join(' ', words);
    }

    private static readonly (SmtpCapabilities Flag, string Word)[] CapabilityWords =
    [
        (SmtpCapabilities.Pipelining, "PIPELINING"), (SmtpCapabilities.Size, "SIZE"), (SmtpCapabilities.StartTLS, "STARTTLS"),
        (SmtpCapabilities.EnhancedStatusCodes, "ENHANCEDSTATUSCODES"), (SmtpCapabilities.EightBitMime, "8BITMIME"),
        (SmtpCapabilities.Dsn, "DSN"), (SmtpCapabilities.UTF8, "SMTPUTF8"), (SmtpCapabilities.Chunking, "CHUNKING"),
        (SmtpCapabilities.BinaryMime, "BINARYMIME"), (SmtpCapabilities.RequireTLS, "REQUIRETLS"),
    ];

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (Client.IsConnected)
            {
                using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await Client.DisconnectAsync(true, quick.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // QUIT is a courtesy; the checks are already decided.
        }
        Client.Dispose();
    }
}
