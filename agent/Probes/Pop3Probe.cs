using Provisioner.HostFacts;
using Provisioner.Modules;
using Provisioner.Yaml;

namespace Provisioner.Probes;

/// <summary>
/// pop3: logs in over plain, STARTTLS (STLS) or implicit TLS and checks that the login is
/// accepted or refused, and optionally that a message with a given Subject is in the mailbox.
/// </summary>
public sealed class Pop3Probe : IProbe
{
    private static readonly string[] ExpectKeys = ["login", "find_subject"];

    public string Name => "pop3";

    public ArgSpec Spec { get; } = new([
        ProbeArgs.Host,
        ProbeArgs.Port,
        new("tls", ArgType.String, Choices: ["none", "implicit", "starttls"], Help: "default none"),
        ProbeArgs.CaFile,
        ProbeArgs.ServerName,
        new("user", ArgType.String, Required: true),
        new("password", ArgType.String, Required: true),
        new("expect", ArgType.Map, Help: "login: true|false, find_subject: TEXT"),
        ProbeArgs.SourceAddress,
        ProbeArgs.Timeout,
    ]);

    public void Validate(MapNode args, Diagnostics diagnostics) => ProbeArgs.CheckKeys(args.Get("expect"), "expect", ExpectKeys, diagnostics);

    public async Task<ProbeOutcome> RunAsync(ArgReader args, HostContext host, CancellationToken ct)
    {
        var before = args.Diagnostics.Items.Count;
        var at = TlsEndpoint.Read(args);
        var tls = args.Choice("tls", "none", "none", "implicit", "starttls");
        var user = args.Required("user");
        var password = args.Required("password");
        var expect = args.Map("expect") is { } m ? ProbeArgs.Nested(args, m) : null;
        var login = expect?.Bool("login", true) ?? true;
        var subject = expect?.Str("find_subject");
        if (!login && subject is not null)
            args.Diagnostics.Add(expect!.Span, "expect.find_subject needs a login that succeeds", "drop find_subject or set login: true");
        if (ProbeArgs.InvalidSince(args, before) is { } invalid) return invalid;

        var how = tls == "none" ? "" : $" ({tls} TLS)";
        var mode = TlsEndpoint.Options(tls);
        // Polling gets the whole timeout; the hard stop adds room for the last session to finish.
        return await ProbeRun.ExecuteAsync(at.Timeout * 2, ct, async (log, token) =>
        {
            var expected = $"POP3 login as {user} {(login ? "accepted" : "refused")} on {at.Where}{how}";
            log.Step(expected);
            if (subject is null || !login)
            {
                var result = await Pop3Mailbox.LoginAsync(at, mode, user, password, log, token).ConfigureAwait(false);
                if (log.Failed) return;
                if (result.Client is { } c) await Pop3Mailbox.QuitAsync(c).ConfigureAwait(false);
                log.Check((result.Client is not null) == login, expected, result.What);
                return;
            }
            log.Step($"a message whose Subject contains '{subject}' in {user}'s mailbox on {at.Where}{how}");
            var search = await Pop3Mailbox.PollAsync(at, mode, user, password, subject, delete: false, at.Timeout, log, token).ConfigureAwait(false);
            if (!log.Failed) log.Check(search.Found, log.Current, search.What);
        }).ConfigureAwait(false);
    }
}
