using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Provisioner.LabTests.ModulesMail;

/// <summary>
/// Issue 25, item 1: issuance and renewal for real, against Debian's pebble (an ACME server) on the
/// controller. The module issues through certbot's standalone HTTP-01 challenge, port 80 opened in
/// `public` only while certbot runs; a forced renewal runs the pre hook (80 open), the post hook (80
/// closed again) and the deploy hook, which reloads Postfix and Dovecot onto the new certificate on
/// 995, 25 and 587. A lineage of its own (acme.DOMAIN), so the fast-path test above is untouched.
/// </summary>
public sealed partial class CertbotLabTests
{
    private string AcmeName => $"acme.{H.Domain}";

    private const string Http = "firewall-cmd -q --zone=public --query-service=http && echo open || echo closed; " +
                                "firewall-cmd -q --permanent --zone=public --query-service=http && echo open || echo closed";

    // Hooks that only record whether port 80 is open when certbot runs them: the pre one after the
    // module's pre hook (99 > 50), the post one before the module's post hook (00 < 50).
    private const string Recorders = """
        for h in pre/99-test-record post/00-test-record; do
          printf '#!/bin/sh\necho "%s $(firewall-cmd -q --zone=public --query-service=http && echo open || echo closed)" >> /run/test-hooks\n' "${h%%/*}" > /etc/letsencrypt/renewal-hooks/$h
          chmod 755 /etc/letsencrypt/renewal-hooks/$h
        done
        rm -f /run/test-hooks
        """;

    private string AcmeTls => $$"""
        {{Dovecot24("dovecot 2.4 config (POP3S with the ACME certificate)", AcmeName)}}
            - name: postfix STARTTLS with the ACME certificate
              postconf:
                params:
                  smtpd_tls_chain_files: /etc/letsencrypt/live/{{AcmeName}}/privkey.pem, /etc/letsencrypt/live/{{AcmeName}}/fullchain.pem
                  smtpd_tls_security_level: may
                  # Debian's package leaves no main.cf: smtpd refuses to start without a relay rule.
                  smtpd_relay_restrictions: permit_mynetworks, reject_unauth_destination
              notify: reload postfix
            - name: submission (587)
              postconf: { service: submission/inet, entry: submission inet n - y - - smtpd }
              notify: reload postfix
            - name: 25 and 587 open (runtime)
              command: { cmd: firewall-cmd --zone=public --add-service=smtp --add-service=smtp-submission, unless: firewall-cmd --zone=public --query-service=smtp-submission }
          handlers:
            - name: restart dovecot
              service: { name: dovecot, state: restarted }
            - name: reload postfix
              service: { name: postfix, state: reloaded }

        """;

    [Fact]
    public async Task A_real_acme_server_issues_and_a_forced_renewal_runs_the_hooks_and_the_new_certificate_is_served_on_995_25_and_587()
    {
        await using var pebble = await Pebble.StartAsync(H);
        var ca = await File.ReadAllTextAsync(H.CaFile);
        try
        {
            // certbot (python-requests) checks pebble's own HTTPS certificate against the system store.
            fx.Lab.Run($"cat > /usr/local/share/ca-certificates/provisioner-lab-pebble.crt <<'EOF'\n{ca}EOF\nupdate-ca-certificates >/dev/null 2>&1 && echo ok").ShouldBe("ok");
            (await fx.RunAsync("apply", Setup)).ExitCode.ShouldBeOneOf(0, 2);
            fx.Lab.Run(Http).ShouldBe("closed\nclosed");

            var certificate = $$"""
                    - name: certificate from the ACME server
                      certbot:
                        domains: [{{AcmeName}}]
                        server: {{pebble.DirectoryUrl}}
                        deploy_hook: { name: 60-acme-reload, reload: [postfix, dovecot], check: true }
                        http_zones: [public]

                """;
            var check = await fx.RunAsync("check", certificate);
            check.ExitCode.ShouldBe(2, check.ToString());
            var issue = await fx.RunAsync("apply", certificate);
            issue.ExitCode.ShouldBe(2, $"{issue}\npebble:\n{pebble.Logs()}");
            issue.Report!.RootElement.GetRawText().ShouldContain($"certificate {AcmeName}: missing");
            // Issued through port 80, which is closed again, in both configurations.
            fx.Lab.Run(Http).ShouldBe("closed\nclosed");
            var first = fx.Lab.Run($"cat /etc/letsencrypt/live/{AcmeName}/cert.pem");
            X509Certificate2.CreateFromPem(first).Issuer.ShouldStartWith("CN=Pebble Intermediate CA");
            fx.Lab.Run($"grep '^server' /etc/letsencrypt/renewal/{AcmeName}.conf").ShouldBe($"server = {pebble.DirectoryUrl}");
            var again = await fx.RunAsync("apply", certificate);
            again.ExitCode.ShouldBe(0, again.ToString());

            (await fx.RunAsync("apply", AcmeTls)).ExitCode.ShouldBe(2);
            (await ServedAsync()).ShouldBe(Enumerable.Repeat(Fingerprint(first), 3).ToArray());

            // A renewal as the timer runs it, forced: certbot runs the directory hooks itself.
            fx.Lab.Run(Recorders + "\necho ok").ShouldBe("ok");
            fx.Lab.Run($"certbot renew --force-renewal --no-random-sleep-on-renew --cert-name {AcmeName} >/tmp/renew.log 2>&1; echo rc=$?; cat /run/test-hooks")
                .ShouldBe("rc=0\npre open\npost open", fx.Lab.Run("cat /tmp/renew.log") + pebble.Logs());
            fx.Lab.Run(Http).ShouldBe("closed\nclosed");
            var renewed = fx.Lab.Run($"cat /etc/letsencrypt/live/{AcmeName}/cert.pem");
            Fingerprint(renewed).ShouldNotBe(Fingerprint(first));
            X509Certificate2.CreateFromPem(renewed).Issuer.ShouldStartWith("CN=Pebble Intermediate CA");
            ChainsTo(fx.Lab.Run($"cat /etc/letsencrypt/live/{AcmeName}/fullchain.pem"), await pebble.RootPemAsync()).ShouldBeTrue();

            // The deploy hook reloaded both services: the new certificate on 995, 25 and 587.
            var served = await ServedAsync();
            for (var i = 0; i < 20 && !served.All(f => f == Fingerprint(renewed)); i++)
            {
                await Task.Delay(500);
                served = await ServedAsync();
            }
            served.ShouldBe(Enumerable.Repeat(Fingerprint(renewed), 3).ToArray(), "995, 25, 587");
        }
        finally
        {
            fx.Lab.Run("rm -f /etc/letsencrypt/renewal-hooks/pre/99-test-record /etc/letsencrypt/renewal-hooks/post/00-test-record " +
                       "/usr/local/share/ca-certificates/provisioner-lab-pebble.crt; update-ca-certificates --fresh >/dev/null 2>&1; echo ok");
        }
    }

    /// <summary>Fingerprints of what the host serves on 995 (implicit TLS), 25 and 587 (STARTTLS).</summary>
    private async Task<string[]> ServedAsync() =>
        [await ServedFingerprintAsync(AcmeName), await StartTlsFingerprintAsync(25), await StartTlsFingerprintAsync(587)];

    private async Task<string> StartTlsFingerprintAsync(int port)
    {
        // A server that never answers fails the test instead of hanging it.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var ct = deadline.Token;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Parse(H.PubAddress), port, ct);
        var stream = tcp.GetStream();
        using var reader = new StreamReader(stream, leaveOpen: true);
        async Task Expect(string code)
        {
            string? line;
            do line = await reader.ReadLineAsync(ct);
            while (line is not null && !line.StartsWith(code + " ", StringComparison.Ordinal));
            line.ShouldNotBeNull($"port {port}: no {code} reply");
        }
        async Task Send(string command) => await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(command + "\r\n"), ct);
        await Expect("220");
        await Send("EHLO probe.test");
        await Expect("250");
        await Send("STARTTLS");
        await Expect("220");
        X509Certificate2? seen = null;
        await using var ssl = new SslStream(stream, true, (_, cert, _, _) =>
        {
            seen = cert is null ? null : new X509Certificate2(cert);
            return true;
        });
        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = AcmeName }, ct);
        return seen!.GetCertHashString(HashAlgorithmName.SHA256);
    }

    /// <summary>The leaf of a fullchain.pem verifies against the given root, its intermediates from the file.</summary>
    private static bool ChainsTo(string fullchain, string rootPem)
    {
        var certs = new X509Certificate2Collection();
        certs.ImportFromPem(fullchain);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(X509Certificate2.CreateFromPem(rootPem));
        chain.ChainPolicy.ExtraStore.AddRange(certs);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certs[0]);
    }
}
