using Provisioner.Modules;

namespace Provisioner.Probes;

/// <summary>
/// tls: the certificate a port presents (directly, or after SMTP/POP3 STARTTLS) chains to the
/// expected CA, carries server_name, has enough days left and, after a renewal, is a new one.
/// </summary>
public sealed class TlsProbe : IProbe
{
    public string Name => "tls";

    public ArgSpec Spec { get; } = new([
        ProbeArgs.Host,
        ProbeArgs.Port,
        new("starttls", ArgType.String, Choices: ["none", "smtp", "pop3"], Help: "protocol to upgrade first (default none: TLS from the first byte)"),
        ProbeArgs.ServerName,
        ProbeArgs.CaFile,
        new("min_days_left", ArgType.Int),
        new("expect_fingerprint_changed_from", ArgType.String, Help: "SHA-256 of the certificate that must have been replaced"),
        ProbeArgs.SourceAddress,
        ProbeArgs.Timeout,
    ]);

    public async Task<ProbeOutcome> RunAsync(ArgReader args, HostContext host, CancellationToken ct)
    {
        var before = args.Diagnostics.Items.Count;
        var at = TlsEndpoint.Read(args);
        var starttls = args.Choice("starttls", "none", "none", "smtp", "pop3");
        var minDays = args.Has("min_days_left") ? args.Int("min_days_left", 0) : (int?)null;
        var oldFingerprint = args.Str("expect_fingerprint_changed_from") is { } f ? CertificateReport.NormalizeFingerprint(f) : null;
        if (ProbeArgs.InvalidSince(args, before) is { } invalid) return invalid;

        var how = starttls == "none" ? "" : $" after STARTTLS ({starttls})";
        var expectations = new List<string> { $"certificate for {at.ServerName} on {at.Where}{how} valid against {at.TrustDescription}" };
        if (minDays is not null) expectations.Add($"at least {minDays} days left");
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
                ?? (left < minDays ? $"only {left:0} days left" : null)
                ?? (report.Sha256 == oldFingerprint ? "still the old certificate" : null);
            log.Check(problem is null, expected, problem is null ? $"{evidence}; {left:0} days left" : $"{problem}; {evidence}");
        }).ConfigureAwait(false);
    }

    private static string Short(string fingerprint) => fingerprint.Length > 16 ? fingerprint[..16] + "…" : fingerprint;
}
