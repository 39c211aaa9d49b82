using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using MailKit.Net.Pop3;
using MailKit.Security;

namespace Provisioner.Probes;

/// <summary>
/// Gets a server's certificate over TLS, directly or after SMTP/POP3 STARTTLS. The handshake is
/// allowed to complete whatever the certificate (the tls probe reports, it does not talk further);
/// MailKit speaks the plaintext prelude so STARTTLS is not hand-rolled.
/// </summary>
internal static class TlsHandshake
{
    public static async Task<(CertificateReport? Report, string Protocol)> RunAsync(TlsEndpoint at, string starttls, CancellationToken ct)
    {
        var policy = at.Policy(strict: false);
        // Disposing after MailKit or the NetworkStream already closed it is harmless; leaking it on a failed handshake is not.
        using var socket = await ProbeSocket.ConnectAsync(at.Host, at.Port, at.SourceAddress, ct).ConfigureAwait(false);
        switch (starttls)
        {
            case "smtp":
                using (var smtp = MailClients.Smtp(at, policy, new ServerTranscript(), helo: null))
                {
                    await smtp.ConnectAsync(socket, at.ServerName, at.Port, SecureSocketOptions.StartTls, ct).ConfigureAwait(false);
                    var protocol = smtp.SslProtocol.ToString();
                    await smtp.DisconnectAsync(true, ct).ConfigureAwait(false);
                    return (policy.Report, protocol);
                }
            case "pop3":
                using (var pop3 = MailClients.Pop3(at, policy, new ServerTranscript()))
                {
                    await pop3.ConnectAsync(socket, at.ServerName, at.Port, SecureSocketOptions.StartTls, ct).ConfigureAwait(false);
                    var protocol = pop3.SslProtocol.ToString();
                    await pop3.DisconnectAsync(true, ct).ConfigureAwait(false);
                    return (policy.Report, protocol);
                }
            default:
                await using (var ssl = new SslStream(new NetworkStream(socket, ownsSocket: true), leaveInnerStreamOpen: false))
                {
                    await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
                    {
                        TargetHost = at.SniName ?? "",
                        RemoteCertificateValidationCallback = policy.Validate,
                        CertificateRevocationCheckMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
                    }, ct).ConfigureAwait(false);
                    return (policy.Report, ssl.SslProtocol.ToString());
                }
        }
    }
}
