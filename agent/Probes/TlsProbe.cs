using Provisioner.HostFacts;
using Provisioner.Modules;

namespace Provisioner.Probes;

/// <summary>
/// tls: the certificate a port presents (directly, or after SMTP/POP3 STARTTLS) chains to the
/// expected CA, carries server_name, has enough days left and, after a renewal, is a new one.
/// Enough is 20 days unless said otherwise: a Let's Encrypt certificate is renewed 30 days before it
/// ends, so one with fewer left means renewals are failing — weeks before clients see an expired one.
/// </summary>
public sealed class TlsProbe : IProbe
{
    public const int DefaultMinDaysLeft = 20;

    public string Name => "tls";

    public ArgSpec Spec { get; } = new([
        ProbeArgs.Host,
        ProbeArgs.Port,
        new("starttls", ArgType.String, Choices: ["none", "smtp", "pop3"], Help: "protocol to upgrade first (default none: TLS from the first byte)"),
        ProbeArgs.ServerName,
        ProbeArgs.CaFile,
        new("min_days_left", ArgType.Int, Help: $"default {DefaultMinDaysLeft}; 0 checks only that it has not expired"),
        new("expect_fingerprint_changed_from", ArgType.String, Help: "SHA-256 of the certificate that must have been replaced"),
        ProbeArgs.SourceAddress,
        ProbeArgs.Timeout,
    ]);

    public async Task<ProbeOutcome> RunAsync(ArgReader args, HostContext host, CancellationToken ct)
    {
        var before = args.Diagnostics.Items.Count;
        var at = TlsEndpoint.Read(args);
        var starttls = args.Choice("starttls", "none", "none", "smtp", "pop3");
        var minDays = args.Int("min_days_left", DefaultMinDaysLeft);
        var oldFingerprint = args.Str("expect_fingerprint_changed_from") is { } f ? CertificateReport.NormalizeFingerprint(f) : null;
        if (ProbeArgs.InvalidSince(args, before) is { } invalid) return invalid;

        var how = starttls == "none" ? "" : $" after STARTTLS ({starttls})";
        var expectations = new List<string> { $"certificate for {at.ServerName} on {at.Where}{how} valid against {at.TrustDescription}" };
        if (minDays > 0) expectations.Add($"at least {minDays} days left");
        if (oldFingerprint is not null) expectations.Add($"sha256 no longer {Short(oldFingerprint)}");
        var expected = string.Join(", ", expectations);

        return await ProbeRun.ExecuteAsync(at.Timeout, ct, async (log, token) =>
        {
            log.Step(expected);
            var (report, protocol) = await TlsHandshake.RunAsync(at, starttls, token).ConfigureAwait(false);
            if (report is null)
            {
                log.Fail("the server presented no certificate");
                return;
            }
            var evidence = $"{protocol}; {report.Describe()}";
            var left = report.DaysLeft(DateTime.UtcNow);
            var problem = report.Problem
                ?? (left < minDays ? $"only {left:0} days left (fewer than {minDays}): renewals are failing — run 'certbot renew --dry-run' on the host, check its renew timer (certbot-renew.timer on Fedora, certbot.timer on Debian) and that port 80 reaches the host while certbot runs" : null)
                ?? (report.Sha256 == oldFingerprint ? "still the old certificate" : null);
            log.Check(problem is null, expected, problem is null ? $"{evidence}; {left:0} days left" : $"{problem}; {evidence}");
        }).ConfigureAwait(false);
    }

    private static string Short(string fingerprint) => fingerprint.Length > 16 ? fingerprint[..16] + "…" : fingerprint;
}
