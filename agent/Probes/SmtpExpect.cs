using Provisioner.Modules;
using Provisioner.Yaml;

namespace Provisioner.Probes;

/// <summary>
/// What an smtp probe asserts, one key per observation in MAIL.md §C.1: the greeting, what EHLO
/// offers before and after STARTTLS, AUTH results, relay denial, RCPT verdicts and a full send.
/// </summary>
internal sealed record SmtpExpect(
    string? Banner,
    bool? StartTls,
    bool? AuthBeforeTls,
    bool? Auth,
    SmtpLogin? Login,
    SmtpEnvelope? RelayRefused,
    SmtpRcpt? Rcpt,
    SmtpMessage? Send)
{
    public static readonly string[] Keys = ["banner", "starttls", "auth_before_tls", "auth", "auth_login", "relay_refused", "rcpt", "send"];
    private static readonly string[] LoginKeys = ["user", "password", "success"];
    private static readonly string[] EnvelopeKeys = ["from", "to"];
    private static readonly string[] RcptKeys = ["from", "to", "code_class", "code"];
    private static readonly string[] SendKeys = ["from", "to", "subject", "body"];

    /// <summary>Observations that only exist before STARTTLS, so they need a session that stays plain.</summary>
    public bool NeedsPlainSession => StartTls is not null || AuthBeforeTls is not null;

    /// <summary>True when the only question is whether this client gets refused (greeting, MAIL or RCPT).</summary>
    public bool OnlyRefusalExpected => Rcpt is { CodeClass: 5 } && Banner is null && !NeedsPlainSession
        && Auth is null && Login is null && RelayRefused is null && Send is null;

    public static void Validate(MapNode args, Diagnostics d)
    {
        ProbeArgs.CheckKeys(args.Get("expect"), "expect", Keys, d);
        if (args.Get("expect") is not MapNode expect) return;
        ProbeArgs.CheckKeys(expect.Get("auth_login"), "expect.auth_login", LoginKeys, d);
        ProbeArgs.CheckKeys(expect.Get("relay_refused"), "expect.relay_refused", EnvelopeKeys, d);
        ProbeArgs.CheckKeys(expect.Get("rcpt"), "expect.rcpt", RcptKeys, d);
        ProbeArgs.CheckKeys(expect.Get("send"), "expect.send", SendKeys, d);
    }

    public static SmtpExpect Read(ArgReader top)
    {
        if (top.Map("expect") is not { } map) return new SmtpExpect(null, null, null, null, null, null, null, null);
        var r = ProbeArgs.Nested(top, map);
        return new SmtpExpect(
            r.Str("banner"),
            OptionalBool(r, "starttls"),
            OptionalBool(r, "auth_before_tls"),
            OptionalBool(r, "auth"),
            r.Map("auth_login") is { } l ? ReadLogin(ProbeArgs.Nested(r, l)) : null,
            r.Map("relay_refused") is { } e ? ReadEnvelope(ProbeArgs.Nested(r, e)) : null,
            r.Map("rcpt") is { } c ? ReadRcpt(ProbeArgs.Nested(r, c)) : null,
            r.Map("send") is { } s ? ReadMessage(ProbeArgs.Nested(r, s)) : null);
    }

    private static bool? OptionalBool(ArgReader r, string name) => r.Has(name) ? r.Bool(name, false) : null;

    private static SmtpLogin ReadLogin(ArgReader r) => new(r.Required("user"), r.Required("password"), r.Bool("success", true));

    private static SmtpEnvelope ReadEnvelope(ArgReader r) => new(r.Required("from"), r.Required("to"));

    private static SmtpMessage ReadMessage(ArgReader r) =>
        new(r.Required("from"), r.Required("to"), r.Str("subject") ?? "provision smtp probe", r.Str("body") ?? "Sent by a provision verification probe.");

    private static SmtpRcpt ReadRcpt(ArgReader r)
    {
        var codeClass = r.Int("code_class", 2);
        if (codeClass is not (2 or 5))
            r.Diagnostics.Add(r.Args.Get("code_class")!.Span, $"'code_class' must be 2 or 5, not {codeClass}", "write code_class: 5 for a refusal");
        int? code = r.Has("code") ? r.Int("code", 0) : null;
        if (code is { } c && c / 100 != codeClass)
            r.Diagnostics.Add(r.Args.Get("code")!.Span, $"'code' {c} is not in class {codeClass}xx", $"write code_class: {c / 100}");
        return new SmtpRcpt(r.Required("from"), r.Required("to"), codeClass, code);
    }
}

internal sealed record SmtpLogin(string User, string Password, bool Success)
{
    // The password must never reach logs or evidence, even through a record's generated ToString.
    public override string ToString() => $"SmtpLogin {{ User = {User}, Success = {Success} }}";
}

internal sealed record SmtpEnvelope(string From, string To);

internal sealed record SmtpRcpt(string From, string To, int CodeClass, int? Code)
{
    public string Wanted => Code is { } c ? c.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{CodeClass}xx";
}

internal sealed record SmtpMessage(string From, string To, string Subject, string Body);
