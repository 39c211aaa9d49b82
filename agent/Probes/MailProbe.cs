using System.Diagnostics;
using MimeKit;
using Provisioner.Modules;

namespace Provisioner.Probes;

/// <summary>
/// mail: end to end. Sends a message carrying a unique token over SMTP, then logs in over POP3
/// until that message arrives, proving submission, delivery and retrieval together.
/// </summary>
public sealed class MailProbe : IProbe
{
    private const int DefaultTimeoutSeconds = 30;

    public string Name => "mail";

    public ArgSpec Spec { get; } = new([
        ProbeArgs.Host,
        new("smtp_port", ArgType.Port, Help: "default 25"),
        new("tls", ArgType.String, Choices: ["none", "starttls", "implicit"], Help: "SMTP TLS, default none"),
        new("smtp_user", ArgType.String, Help: "authenticate the submission (with smtp_password)"),
        new("smtp_password", ArgType.String),
        new("helo", ArgType.String),
        new("from", ArgType.String, Required: true),
        new("to", ArgType.String, Required: true),
        new("pop3_port", ArgType.Port, Help: "default 995"),
        new("pop3_tls", ArgType.String, Choices: ["implicit", "starttls", "none"], Help: "default implicit"),
        new("user", ArgType.String, Required: true, Help: "POP3 login of the recipient"),
        new("password", ArgType.String, Required: true),
        ProbeArgs.CaFile,
        ProbeArgs.ServerName,
        ProbeArgs.SourceAddress,
        new("delete", ArgType.Bool, Help: "delete the probe message once found (default false)"),
        new("timeout", ArgType.Int, Help: "seconds to wait for delivery (default 30)"),
    ]);

    public async Task<ProbeOutcome> RunAsync(ArgReader args, HostContext host, CancellationToken ct)
    {
        var before = args.Diagnostics.Items.Count;
        var smtpAt = TlsEndpoint.Read(args, "smtp_port", 25, DefaultTimeoutSeconds);
        var pop3At = smtpAt with { Port = ProbeArgs.ReadPort(args, "pop3_port", 995) };
        var tls = args.Choice("tls", "none", "none", "starttls", "implicit");
        var pop3Tls = args.Choice("pop3_tls", "implicit", "implicit", "starttls", "none");
        var (smtpUser, smtpPassword) = (args.Str("smtp_user"), args.Str("smtp_password"));
        if ((smtpUser is null) != (smtpPassword is null))
            args.Diagnostics.Add(args.Span, "smtp_user and smtp_password go together", "give both, or neither for an unauthenticated send");
        var helo = args.Str("helo");
        var (from, to) = (args.Required("from"), args.Required("to"));
        var (user, password) = (args.Required("user"), args.Required("password"));
        var delete = args.Bool("delete", false);
        if (ProbeArgs.InvalidSince(args, before) is { } invalid) return invalid;

        var token = "provision-" + Guid.NewGuid().ToString("N")[..12];
        var clock = Stopwatch.StartNew();
        return await ProbeRun.ExecuteAsync(smtpAt.Timeout + TimeSpan.FromSeconds(ProbeArgs.DefaultTimeoutSeconds), ct, async (log, deadline) =>
        {
            await using (var session = await SmtpSession.OpenAsync(smtpAt, TlsEndpoint.Options(tls), helo, log, deadline).ConfigureAwait(false))
            {
                if (session is null) return;
                if (session.RejectedGreeting is { } refused)
                {
                    log.Fail($"refused at connect: {refused}");
                    return;
                }
                if (smtpUser is not null)
                {
                    log.Step($"SMTP AUTH as {smtpUser} accepted on {smtpAt.Where}");
                    await session.Client.AuthenticateAsync(smtpUser, smtpPassword!, deadline).ConfigureAwait(false);
                }
                log.Step($"message {token} from <{from}> to <{to}> accepted on {smtpAt.Where}");
                var reply = await session.Client.SendAsync(Message(from, to, token), deadline).ConfigureAwait(false);
                log.Check(true, $"message {token} accepted by SMTP on {smtpAt.Where}", $"250 {reply.Trim()}");
            }
            log.Step($"message {token} in {user}'s mailbox over POP3 on {pop3At.Where} within {smtpAt.Timeout.TotalSeconds:0} s");
            var patience = smtpAt.Timeout - clock.Elapsed;
            var search = await Pop3Mailbox.PollAsync(pop3At, TlsEndpoint.Options(pop3Tls), user, password, token, delete,
                patience > TimeSpan.Zero ? patience : TimeSpan.Zero, log, deadline).ConfigureAwait(false);
            if (!log.Failed) log.Check(search.Found, log.Current, $"{search.What} after {clock.Elapsed.TotalSeconds:0} s");
        }).ConfigureAwait(false);
    }

    private static MimeMessage Message(string from, string to, string token)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = $"provision mail probe {token}";
        message.Body = new TextPart("plain") { Text = $"End-to-end verification message {token}; safe to delete." };
        return message;
    }
}
