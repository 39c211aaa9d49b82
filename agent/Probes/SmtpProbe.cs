using MailKit.Net.Smtp;
using MailKit.Security;
using Provisioner.HostFacts;
using Provisioner.Modules;
using Provisioner.Yaml;

namespace Provisioner.Probes;

/// <summary>
/// smtp: talks to an SMTP port as a client would and checks what MAIL.md §C.1 lists. With
/// tls: starttls, the before-TLS observations (starttls, auth_before_tls) come from a first plain
/// session and everything else from a second session upgraded with STARTTLS and a validated
/// certificate. Refusal checks run before auth_login so an accepted login cannot hide an open relay.
/// </summary>
public sealed class SmtpProbe : IProbe
{
    public string Name => "smtp";

    public ArgSpec Spec { get; } = new([
        ProbeArgs.Host,
        ProbeArgs.Port,
        new("tls", ArgType.String, Choices: ["none", "starttls", "implicit"], Help: "default none"),
        ProbeArgs.CaFile,
        ProbeArgs.ServerName,
        new("helo", ArgType.String, Help: "name sent in EHLO"),
        ProbeArgs.SourceAddress,
        new("expect", ArgType.Map, Help: "banner, starttls, auth_before_tls, auth, auth_login, relay_refused, rcpt, send"),
        ProbeArgs.Timeout,
    ]);

    public void Validate(MapNode args, Diagnostics diagnostics) => SmtpExpect.Validate(args, diagnostics);

    public async Task<ProbeOutcome> RunAsync(ArgReader args, HostContext host, CancellationToken ct)
    {
        var before = args.Diagnostics.Items.Count;
        var at = TlsEndpoint.Read(args);
        var tls = args.Choice("tls", "none", "none", "starttls", "implicit");
        var helo = args.Str("helo");
        var expect = SmtpExpect.Read(args);
        if (tls == "implicit" && expect.NeedsPlainSession)
            args.Diagnostics.Add(args.Args.Get("expect")?.Span ?? args.Span, "expect.starttls and expect.auth_before_tls describe a plain session; with tls: implicit there is none",
                "use tls: none or tls: starttls for that port");
        if (ProbeArgs.InvalidSince(args, before) is { } invalid) return invalid;

        return await ProbeRun.ExecuteAsync(at.Timeout, ct, async (log, token) =>
        {
            var bannerChecked = false;
            if (tls == "starttls" && expect.NeedsPlainSession)
            {
                await using var plain = await SmtpSession.OpenAsync(at, SecureSocketOptions.None, helo, log, token).ConfigureAwait(false);
                if (plain is null || !AcceptedGreeting(plain, expect, at, log)) return;
                CheckBanner(plain, expect, log);
                CheckPlain(plain, expect, at, log);
                bannerChecked = true;
            }
            if (log.Failed) return;
            await using var session = await SmtpSession.OpenAsync(at, TlsEndpoint.Options(tls), helo, log, token).ConfigureAwait(false);
            if (session is null || !AcceptedGreeting(session, expect, at, log)) return;
            if (!bannerChecked) CheckBanner(session, expect, log);
            if (tls == "none") CheckPlain(session, expect, at, log);
            if (expect.Auth is { } auth)
                log.Check(session.Client.Capabilities.HasFlag(SmtpCapabilities.Authentication) == auth,
                    $"AUTH {(auth ? "" : "not ")}advertised{(tls == "none" ? "" : " over TLS")} on {at.Where}", session.Capabilities());
            await SmtpChecks.EnvelopesAsync(session, expect, at, log, token).ConfigureAwait(false);
            await SmtpChecks.LoginAndSendAsync(session, expect, at, log, token).ConfigureAwait(false);
            // With nothing to expect, a session that answered is the result; show what it said.
            if (!log.Failed && !log.AnyPassed) log.Check(true, $"an SMTP greeting on {at.Where}", $"greeting: {session.Greeting}");
        }).ConfigureAwait(false);
    }

    /// <summary>False when the server refused us at connect; that passes only a pure "must be refused" probe.</summary>
    private static bool AcceptedGreeting(SmtpSession session, SmtpExpect expect, TlsEndpoint at, CheckLog log)
    {
        if (session.RejectedGreeting is not { } refused) return true;
        if (expect.OnlyRefusalExpected && expect.Rcpt is { } rcpt)
            log.Check(rcpt.Code is null || refused.StartsWith(rcpt.Wanted, StringComparison.Ordinal),
                $"a {rcpt.Wanted} refusal for RCPT TO:<{rcpt.To}> on {at.Where}", $"refused at connect: {refused}");
        else
            log.Check(false, $"a 220 greeting on {at.Where}", $"refused at connect: {refused}");
        return false;
    }

    private static void CheckBanner(SmtpSession session, SmtpExpect expect, CheckLog log)
    {
        if (expect.Banner is { } banner)
            log.Check(session.Greeting.Contains(banner, StringComparison.Ordinal), $"greeting contains '{banner}'", $"greeting: {session.Greeting}");
    }

    private static void CheckPlain(SmtpSession session, SmtpExpect expect, TlsEndpoint at, CheckLog log)
    {
        var caps = session.Client.Capabilities;
        if (expect.StartTls is { } starttls)
            log.Check(caps.HasFlag(SmtpCapabilities.StartTLS) == starttls,
                $"STARTTLS {(starttls ? "" : "not ")}offered in EHLO on {at.Where}", session.Capabilities());
        if (expect.AuthBeforeTls is { } auth)
            log.Check(caps.HasFlag(SmtpCapabilities.Authentication) == auth,
                $"AUTH {(auth ? "" : "not ")}advertised before TLS on {at.Where}", session.Capabilities());
    }
}
