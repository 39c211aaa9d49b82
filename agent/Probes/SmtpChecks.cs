using MailKit.Net.Smtp;
using MimeKit;

namespace Provisioner.Probes;

/// <summary>The transaction-level smtp checks: relay denial, RCPT verdicts, AUTH result and a full send.</summary>
internal static class SmtpChecks
{
    public static async Task EnvelopesAsync(SmtpSession session, SmtpExpect expect, TlsEndpoint at, CheckLog log, CancellationToken ct)
    {
        if (!log.Failed && expect.RelayRefused is { } relay)
        {
            log.Step($"RCPT TO:<{relay.To}> refused with 5xx (no relay) on {at.Where}");
            var (mail, rcpt) = await EnvelopeAsync(session, relay.From, relay.To, ct).ConfigureAwait(false);
            if (log.Check(Class(mail) == 2, $"MAIL FROM:<{relay.From}> accepted on {at.Where} (to test relaying)", $"MAIL FROM: {SmtpSession.Describe(mail)}"))
                log.Check(rcpt is { } r && Class(r) == 5, log.Current, $"RCPT TO: {Show(rcpt)}");
        }
        if (!log.Failed && expect.Rcpt is { } want)
        {
            log.Step($"{want.Wanted} for RCPT TO:<{want.To}> from <{want.From}> on {at.Where}");
            var (mail, rcpt) = await EnvelopeAsync(session, want.From, want.To, ct).ConfigureAwait(false);
            // A refusal may come at MAIL already (530 "Must issue a STARTTLS command first"); for a 5 it still counts.
            var decisive = rcpt ?? mail;
            var ok = Class(decisive) == want.CodeClass && (want.Code is null || (int)decisive.StatusCode == want.Code);
            log.Check(ok, log.Current, rcpt is null ? $"MAIL FROM refused: {SmtpSession.Describe(mail)}" : $"MAIL FROM: {(int)mail.StatusCode}; RCPT TO: {Show(rcpt)}");
        }
    }

    public static async Task LoginAndSendAsync(SmtpSession session, SmtpExpect expect, TlsEndpoint at, CheckLog log, CancellationToken ct)
    {
        var client = session.Client;
        if (!log.Failed && expect.Login is { } login)
        {
            var expected = $"AUTH as {login.User} {(login.Success ? "accepted" : "refused")} on {at.Where}";
            log.Step(expected);
            string actual;
            var accepted = false;
            try
            {
                // One mechanism only: MailKit would otherwise retry a refused login with every
                // mechanism offered, and each refusal costs the server's auth failure delay.
                if (client.AuthenticationMechanisms.Contains("PLAIN"))
                    foreach (var m in client.AuthenticationMechanisms.Where(m => m != "PLAIN").ToList()) client.AuthenticationMechanisms.Remove(m);
                await client.AuthenticateAsync(login.User, login.Password, ct).ConfigureAwait(false);
                (accepted, actual) = (true, "authentication succeeded");
            }
            catch (MailKit.Security.AuthenticationException ex) { actual = $"authentication failed: {ex.Message.Trim()}"; }
            catch (NotSupportedException) { actual = $"AUTH not offered; {session.Capabilities()}"; }
            catch (SmtpCommandException ex) { actual = $"AUTH answered {ProbeErrors.Describe(ex)}"; }
            log.Check(accepted == login.Success, expected, actual);
        }
        if (!log.Failed && expect.Send is { } send)
        {
            log.Step($"message from <{send.From}> to <{send.To}> accepted with 250 on {at.Where}");
            var message = new MimeMessage();
            message.From.Add(MailboxAddress.Parse(send.From));
            message.To.Add(MailboxAddress.Parse(send.To));
            message.Subject = send.Subject;
            message.Body = new TextPart("plain") { Text = send.Body };
            var reply = await client.SendAsync(message, ct).ConfigureAwait(false);
            log.Check(true, log.Current, $"250 {reply.Trim()}");
        }
    }

    /// <summary>MAIL then RCPT (RCPT only if MAIL passed), then RSET so later checks start clean.</summary>
    private static async Task<(SmtpResponse Mail, SmtpResponse? Rcpt)> EnvelopeAsync(SmtpSession session, string from, string to, CancellationToken ct)
    {
        var mail = await session.ReplyAsync($"MAIL FROM:<{from}>", ct).ConfigureAwait(false);
        SmtpResponse? rcpt = null;
        if (Class(mail) == 2) rcpt = await session.ReplyAsync($"RCPT TO:<{to}>", ct).ConfigureAwait(false);
        await session.ReplyAsync("RSET", ct).ConfigureAwait(false);
        return (mail, rcpt);
    }

    private static int Class(SmtpResponse r) => (int)r.StatusCode / 100;

    private static string Show(SmtpResponse? r) => r is null ? "(not sent)" : SmtpSession.Describe(r);
}
