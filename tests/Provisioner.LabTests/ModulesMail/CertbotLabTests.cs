using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Provisioner.LabTests.Lab;

namespace Provisioner.LabTests.ModulesMail;

/// <summary>
/// certbot against a real Debian host with Dovecot 2.4 serving POP3S. The fast path: the lab's
/// CA-signed certificate laid out as certbot does, so only the hook (and timer, if off) change, and the
/// hook is proven by a simulated renewal: a new certificate in archive/, live/ repointed, the hook run
/// as certbot runs it. Real issuance and renewal through an ACME server: CertbotLabTests.Acme.cs.
/// </summary>
public sealed partial class CertbotLabTests(CertbotLabFixture fx) : IClassFixture<CertbotLabFixture>
{
    private LabHost H => fx.Lab.Host;

    private string Setup => $$"""
            - name: mail packages
              package: { name: [postfix, dovecot-core, dovecot-pop3d, certbot] }
            - name: postfix main.cf
              postconf: { params: { myhostname: {{H.Fqdn}}, inet_protocols: ipv4 } }
            - name: postfix running
              service: { name: postfix, state: started }
        {{Dovecot24("dovecot 2.4 config (POP3S with the live certificate)", H.Fqdn)}}
            - name: pop3s open (runtime)
              command: { cmd: firewall-cmd --zone=public --add-service=pop3s, unless: firewall-cmd --zone=public --query-service=pop3s }
            - name: pop3s open (permanent)
              command: { cmd: firewall-cmd --permanent --zone=public --add-service=pop3s, unless: firewall-cmd --permanent --zone=public --query-service=pop3s }
          handlers:
            - name: restart dovecot
              service: { name: dovecot, state: restarted }

        """;

    /// <summary>A task that writes a Dovecot 2.4 dovecot.conf serving POP3S from the certificate <paramref name="certName"/>.</summary>
    private static string Dovecot24(string task, string certName) => $$"""
            - name: {{task}}
              copy:
                dest: /etc/dovecot/dovecot.conf
                content: |
                  dovecot_config_version = 2.4.0
                  dovecot_storage_version = 2.4.0
                  protocols {
                    pop3 = yes
                  }
                  mail_driver = maildir
                  mail_path = ~/Maildir
                  passdb pam {
                  }
                  userdb passwd {
                  }
                  ssl = yes
                  ssl_server_cert_file = /etc/letsencrypt/live/{{certName}}/fullchain.pem
                  ssl_server_key_file = /etc/letsencrypt/live/{{certName}}/privkey.pem
              notify: restart dovecot
        """;

    private string Certbot => $$"""
            - name: certificate, deploy hook and renew timer
              certbot:
                domains: [{{H.Fqdn}}, {{H.Name}}.test]
                email: postmaster@{{H.Name}}.test
                deploy_hook: { name: 50-mail-reload, reload: [postfix, dovecot], check: true }
                http_zones: [public]
                timer: true

        """;

    [Fact]
    public async Task Hook_and_timer_converge_and_the_hook_reloads_dovecot_onto_a_renewed_certificate()
    {
        var setup = await fx.RunAsync("apply", Setup);
        setup.ExitCode.ShouldBe(2, setup.ToString());

        var playbook = Certbot;
        var check = await fx.RunAsync("check", playbook);
        check.ExitCode.ShouldBe(2, check.ToString());
        var apply = await fx.RunAsync("apply", playbook);
        apply.ExitCode.ShouldBe(2, apply.ToString());
        apply.Tasks("changed").ShouldBe(["certificate, deploy hook and renew timer"]);
        apply.StdErr.ShouldNotContain("certbot certonly");
        fx.Lab.Run($"ls /etc/letsencrypt/archive/{H.Fqdn}").ShouldNotContain("cert2.pem"); // nothing was issued
        fx.Lab.Run("stat -c '%a %U' /etc/letsencrypt/renewal-hooks/deploy/50-mail-reload").ShouldBe("755 root");
        Port_80_is_open_only_while_certbot_runs_and_a_web_servers_own_http_stays();
        fx.Lab.Run("systemctl is-enabled certbot.timer; systemctl is-active certbot.timer").ShouldBe("enabled\nactive");
        var again = await fx.RunAsync("apply", playbook);
        again.ExitCode.ShouldBe(0, again.ToString());

        var served1 = await ServedFingerprintAsync();
        served1.ShouldBe(Fingerprint(fx.Lab.Run($"cat /etc/letsencrypt/live/{H.Fqdn}/cert.pem")));

        // A renewal as certbot does it: version 2 files in archive/, live/ symlinks repointed.
        var (certPem, keyPem) = SignWithLabCa();
        var ca = await File.ReadAllTextAsync(H.CaFile);
        var dir = $"/etc/letsencrypt/archive/{H.Fqdn}";
        fx.Lab.Run($"umask 077; cat > {dir}/privkey2.pem <<'EOF'\n{keyPem}EOF\n" +
                   $"cat > {dir}/cert2.pem <<'EOF'\n{certPem}EOF\n" +
                   $"cat > {dir}/chain2.pem <<'EOF'\n{ca}EOF\n" +
                   $"cat {dir}/cert2.pem {dir}/chain2.pem > {dir}/fullchain2.pem; chmod 644 {dir}/cert2.pem {dir}/chain2.pem {dir}/fullchain2.pem\n" +
                   $"for f in cert privkey chain fullchain; do ln -sfn ../../archive/{H.Fqdn}/${{f}}2.pem /etc/letsencrypt/live/{H.Fqdn}/$f.pem; done");
        var fingerprint2 = Fingerprint(certPem);
        fingerprint2.ShouldNotBe(served1);

        // Another lineage renewed: the hook exits 0 and reloads nothing, Dovecot keeps the old certificate.
        fx.Lab.Run("RENEWED_LINEAGE=/etc/letsencrypt/live/other.example RENEWED_DOMAINS='other.example www.other.example' " +
                   "/etc/letsencrypt/renewal-hooks/deploy/50-mail-reload; echo rc=$?").ShouldBe("rc=0");
        (await ServedFingerprintAsync()).ShouldBe(served1);

        fx.Lab.Run($"RENEWED_LINEAGE=/etc/letsencrypt/live/{H.Fqdn} RENEWED_DOMAINS='{H.Fqdn} {H.Name}.test' " +
                   "/etc/letsencrypt/renewal-hooks/deploy/50-mail-reload; echo rc=$?").ShouldBe("rc=0");
        string? served2 = null;
        for (var i = 0; i < 20 && served2 != fingerprint2; i++)
        {
            if (i > 0) await Task.Delay(500);
            served2 = await ServedFingerprintAsync();
        }
        served2.ShouldBe(fingerprint2);
    }

    /// <summary>
    /// The pre and post hooks run as certbot runs them on a renewal: http opens in the runtime
    /// configuration only, closes again after, and an http that was open before stays open.
    /// </summary>
    private void Port_80_is_open_only_while_certbot_runs_and_a_web_servers_own_http_stays()
    {
        const string Pre = "/etc/letsencrypt/renewal-hooks/pre/50-provision-http";
        const string Post = "/etc/letsencrypt/renewal-hooks/post/50-provision-http";
        const string Http = "firewall-cmd -q --zone=public --query-service=http && echo open || echo closed; firewall-cmd -q --permanent --zone=public --query-service=http && echo open || echo closed";
        fx.Lab.Run(Http).ShouldBe("closed\nclosed");
        fx.Lab.Run(Pre + " && " + Http).ShouldBe("open\nclosed");
        fx.Lab.Run(Post + " && " + Http).ShouldBe("closed\nclosed");

        fx.Lab.Run("firewall-cmd -q --zone=public --add-service=http; " + Pre + " && " + Post + " && " + Http).ShouldBe("open\nclosed");
        fx.Lab.Run("firewall-cmd -q --zone=public --remove-service=http; " + Post + " && " + Http).ShouldBe("closed\nclosed");
    }

    /// <summary>The SHA-256 fingerprint of the certificate Dovecot presents on 995 (no trust decision: we only look).</summary>
    private async Task<string> ServedFingerprintAsync(string? serverName = null)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Parse(H.PubAddress), 995);
        X509Certificate2? seen = null;
        await using var ssl = new SslStream(tcp.GetStream(), false, (_, cert, _, _) =>
        {
            seen = cert is null ? null : new X509Certificate2(cert);
            return true;
        });
        await ssl.AuthenticateAsClientAsync(serverName ?? H.Fqdn);
        return seen!.GetCertHashString(HashAlgorithmName.SHA256);
    }

    private static string Fingerprint(string pem) => X509Certificate2.CreateFromPem(pem).GetCertHashString(HashAlgorithmName.SHA256);

    /// <summary>A fresh P-256 key and a 90-day server certificate for the host's names, signed by the lab CA.</summary>
    private (string CertPem, string KeyPem) SignWithLabCa()
    {
        var caDir = Path.GetDirectoryName(H.CaFile)!;
        using var ca = X509Certificate2.CreateFromPemFile(H.CaFile, Path.Combine(caDir, "ca.key"));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var req = new CertificateRequest($"CN={H.Fqdn}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(H.Fqdn);
        san.AddDnsName($"{H.Name}.test");
        san.AddIpAddress(IPAddress.Parse(H.PubAddress));
        req.CertificateExtensions.Add(san.Build());
        req.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        req.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        req.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        using var cert = req.Create(ca, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(90), serial);
        return (cert.ExportCertificatePem() + "\n", key.ExportPkcs8PrivateKeyPem() + "\n");
    }
}
