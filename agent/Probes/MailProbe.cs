using System.Diagnostics;
using MimeKit;
using Provisioner.HostFacts;
using Provisioner.Modules;
using Provisioner.Transport;

namespace Provisioner.Probes;

/// <summary>
/// mail: end to end. Sends a message carrying a unique token over SMTP, then waits until that message
/// arrives — fetched over POP3 (<c>user</c>, <c>password</c>), or found on the host in one or more
/// Maildirs (<c>maildir</c>, before there is a POP3 server, or to see a Sieve copy land) — proving
/// submission, delivery and retrieval together. With <c>delete</c> (always, for Maildirs) exactly
/// the message it sent is removed, found by its token; no other message is touched.
/// </summary>
public sealed class MailProbe : IProbe
{
    private const int DefaultTimeoutSeconds = 30;
    private static readonly HostScript MaildirTake = HostScript.Load("maildir-take.sh");

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
        new("subject", ArgType.String, Help: "text the Subject starts with (default 'provision mail probe'); the token follows it"),
        new("pop3_port", ArgType.Port, Help: "default 995"),
        new("pop3_tls", ArgType.String, Choices: ["implicit", "starttls", "none"], Help: "default implicit"),
        new("user", ArgType.String, Help: "POP3 login of the recipient (with password)"),
        new("password", ArgType.String),
        new("maildir", ArgType.List, Help: "instead of POP3: absolute Maildir path(s) on the host that must each receive the message"),
        ProbeArgs.CaFile,
        ProbeArgs.ServerName,
        ProbeArgs.SourceAddress,
        new("delete", ArgType.Bool, Help: "POP3: delete the probe message once found (default false); Maildirs: always"),
        new("timeout", ArgType.Int, Help: "seconds to wait for delivery (default 30)"),
    ]) { ExactlyOneOf = [["user", "maildir"]] };

    public IEnumerable<string> Writes(ArgReader args) => args.List("maildir");

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
        var subject = args.Str("subject") ?? "provision mail probe";
        var (user, password) = (args.Str("user"), args.Str("password"));
        if ((user is null) != (password is null))
            args.Diagnostics.Add(args.Span, "user and password go together", "give both for a POP3 fetch, or maildir: for a look on the host");
        var maildirs = args.List("maildir");
        foreach (var m in maildirs.Where(m => !m.StartsWith('/')))
            args.Diagnostics.Add(args.Args.Get("maildir")!.Span, $"'maildir' takes absolute paths, not '{m}'", "write maildir: /home/USER/Maildir");
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
                var reply = await session.Client.SendAsync(Message(from, to, $"{subject} {token}", token), deadline).ConfigureAwait(false);
                log.Check(true, $"message {token} accepted by SMTP on {smtpAt.Where}", $"250 {reply.Trim()}");
            }
            var patience = smtpAt.Timeout - clock.Elapsed;
            if (patience < TimeSpan.Zero) patience = TimeSpan.Zero;
            if (maildirs.Count > 0)
            {
                log.Step($"message {token} delivered into {string.Join(" and ", maildirs)} within {smtpAt.Timeout.TotalSeconds:0} s");
                var found = await TakeFromMaildirsAsync(host, token, maildirs, patience, deadline).ConfigureAwait(false);
                log.Check(found.Ok, log.Current, $"{found.What} after {clock.Elapsed.TotalSeconds:0} s");
                return;
            }
            log.Step($"message {token} in {user}'s mailbox over POP3 on {pop3At.Where} within {smtpAt.Timeout.TotalSeconds:0} s");
            var search = await Pop3Mailbox.PollAsync(pop3At, TlsEndpoint.Options(pop3Tls), user!, password!, token, delete,
                patience, log, deadline).ConfigureAwait(false);
            if (!log.Failed) log.Check(search.Found, log.Current, $"{search.What} after {clock.Elapsed.TotalSeconds:0} s");
        }).ConfigureAwait(false);
    }

    /// <summary>Looks on the host (soon, then up to every second) until every Maildir has the message, then deletes exactly it.</summary>
    private static async Task<(bool Ok, string What)> TakeFromMaildirsAsync(HostContext host, string token, IReadOnlyList<string> maildirs, TimeSpan patience, CancellationToken ct)
    {
        var giveUp = DateTime.UtcNow + patience;
        using var delays = PollDelays.Upto(TimeSpan.FromSeconds(1)).GetEnumerator();
        while (true)
        {
            var result = await host.RunAsync(Command.Script(MaildirTake.Inline([token, .. maildirs])), ct).ConfigureAwait(false);
            var what = result.Stdout.Trim().Replace('\n', ';');
            if (result.Ok) return (true, $"{what} (deleted)");
            delays.MoveNext();
            if (DateTime.UtcNow + delays.Current > giveUp) return (false, what.Length > 0 ? what : result.Describe());
            await Task.Delay(delays.Current, ct).ConfigureAwait(false);
        }
    }

    private static MimeMessage Message(string from, string to, string subject, string token)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = $"End-to-end verification message {token}; safe to delete." };
        return message;
    }
}
