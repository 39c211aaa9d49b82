using MailKit.Net.Pop3;
using MailKit.Security;
using MimeKit;

namespace Provisioner.Probes;

/// <summary>
/// POP3 sessions for the pop3 and mail probes. POP3 shows a maildrop as it was at login, so finding
/// a newly delivered message means logging in again on every poll.
/// </summary>
internal static class Pop3Mailbox
{
    private const int NewestScanned = 200;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    public sealed record Login(Pop3Client? Client, string What);

    public sealed record Search(bool Found, string What);

    /// <summary>Client is null when the server refused the credentials (What says how); other failures throw.</summary>
    public static async Task<Login> LoginAsync(TlsEndpoint at, SecureSocketOptions mode, string user, string password, CheckLog log, CancellationToken ct)
    {
        var policy = at.Policy(strict: true);
        var client = MailClients.Pop3(at, policy, new ServerTranscript());
        System.Net.Sockets.Socket? socket = null;
        try
        {
            socket = await ProbeSocket.ConnectAsync(at.Host, at.Port, at.SourceAddress, ct).ConfigureAwait(false);
            try { await client.ConnectAsync(socket, at.ServerName, at.Port, mode, ct).ConfigureAwait(false); }
            catch (Exception ex) when (ex is SslHandshakeException or System.Security.Authentication.AuthenticationException)
            {
                socket.Dispose();
                client.Dispose();
                log.Fail(policy.DescribeFailure(ex));
                return new Login(null, policy.DescribeFailure(ex));
            }
            try
            {
                await client.AuthenticateAsync(user, password, ct).ConfigureAwait(false);
                return new Login(client, $"logged in as {user}; {client.Count} messages");
            }
            catch (Exception ex) when (ex is MailKit.Security.AuthenticationException or Pop3CommandException)
            {
                await QuitAsync(client).ConfigureAwait(false);
                return new Login(null, $"login as {user} refused: {ex.Message.Trim()}");
            }
        }
        catch
        {
            socket?.Dispose();
            client.Dispose();
            throw;
        }
    }

    /// <summary>Logs in every <see cref="PollInterval"/> until a Subject contains <paramref name="text"/> or <paramref name="patience"/> runs out.</summary>
    public static async Task<Search> PollAsync(TlsEndpoint at, SecureSocketOptions mode, string user, string password, string text, bool delete, TimeSpan patience, CheckLog log, CancellationToken ct)
    {
        var giveUp = DateTime.UtcNow + patience;
        while (true)
        {
            var login = await LoginAsync(at, mode, user, password, log, ct).ConfigureAwait(false);
            if (login.Client is not { } client) return new Search(false, login.What);
            string seen;
            try
            {
                var (index, subjects) = await FindAsync(client, text, ct).ConfigureAwait(false);
                if (index is { } i)
                {
                    if (delete) await client.DeleteMessageAsync(i, ct).ConfigureAwait(false);
                    return new Search(true, $"message {i + 1} of {client.Count}: Subject {subjects[0]}{(delete ? " (deleted)" : "")}");
                }
                seen = client.Count == 0 ? "mailbox empty" : $"{client.Count} messages, newest subjects: {string.Join(" | ", subjects.Take(3))}";
            }
            finally
            {
                // QUIT commits a deletion; without it Dovecot keeps the message.
                await QuitAsync(client).ConfigureAwait(false);
            }
            if (DateTime.UtcNow + PollInterval > giveUp)
                return new Search(false, $"not found after {patience.TotalSeconds:0} s; {seen}");
            await Task.Delay(PollInterval, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Newest first: a probe's message is almost always the last one delivered.</summary>
    private static async Task<(int? Index, List<string> Subjects)> FindAsync(Pop3Client client, string text, CancellationToken ct)
    {
        var subjects = new List<string>();
        for (var i = client.Count - 1; i >= Math.Max(0, client.Count - NewestScanned); i--)
        {
            var headers = await client.GetMessageHeadersAsync(i, ct).ConfigureAwait(false);
            var subject = headers[HeaderId.Subject] ?? "";
            if (subject.Contains(text, StringComparison.Ordinal)) return (i, [$"'{subject}'"]);
            subjects.Add($"'{subject}'");
        }
        return (null, subjects);
    }

    public static async Task QuitAsync(Pop3Client client)
    {
        try
        {
            using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            if (client.IsConnected) await client.DisconnectAsync(true, quick.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Nothing left to decide; the session just ends less politely.
        }
        client.Dispose();
    }
}
