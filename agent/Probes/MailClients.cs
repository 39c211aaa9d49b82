using MailKit.Net.Pop3;
using MailKit.Net.Smtp;

namespace Provisioner.Probes;

/// <summary>MailKit clients configured the probe way: our certificate policy, our timeout, no revocation fetches.</summary>
internal static class MailClients
{
    public static ProbeSmtpClient Smtp(TlsEndpoint at, CertificatePolicy policy, ServerTranscript transcript, string? helo)
    {
        var client = new ProbeSmtpClient(transcript)
        {
            ServerCertificateValidationCallback = policy.Validate,
            // Revocation endpoints are often unreachable from a lab; see CertificateCheck.
            CheckCertificateRevocation = false,
            Timeout = (int)at.Timeout.TotalMilliseconds,
        };
        if (helo is not null) client.LocalDomain = helo;
        return client;
    }

    public static Pop3Client Pop3(TlsEndpoint at, CertificatePolicy policy, ServerTranscript transcript) => new(transcript)
    {
        ServerCertificateValidationCallback = policy.Validate,
        CheckCertificateRevocation = false,
        Timeout = (int)at.Timeout.TotalMilliseconds,
    };
}

/// <summary>MailKit keeps raw commands protected; the probes need MAIL/RCPT/RSET without sending a message.</summary>
internal sealed class ProbeSmtpClient(MailKit.IProtocolLogger logger) : SmtpClient(logger)
{
    public Task<SmtpResponse> CommandAsync(string command, CancellationToken ct) => SendCommandAsync(command, ct);
}
