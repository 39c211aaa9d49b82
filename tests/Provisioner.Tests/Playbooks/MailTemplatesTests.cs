using Provisioner.Templating;

namespace Provisioner.Tests.Playbooks;

/// <summary>playbooks/templates/dovecot rendered for each family and Dovecot generation, as a host's facts would.</summary>
public class MailTemplatesTests
{
    private static string Render(string template, string family, string dovecotMajor)
    {
        var facts = new Dictionary<string, object?> { ["os_family"] = family, ["dovecot_major"] = dovecotMajor };
        var vars = Vars.Empty(new SecretSet()).Merge([new("lan_cidr", "192.168.1.0/24"), new("cert_name", "mail.example.jp")]).With("facts", facts);
        var text = File.ReadAllText(Fixture.Path(Path.Combine("..", "..", "..", "playbooks", "templates", "dovecot", template)));
        var result = TemplateEngine.Render(text, vars);
        result.Ok.ShouldBeTrue(result.Problem);
        return result.Text!;
    }

    [Theory]
    [InlineData("2.3")]
    [InlineData("2.4")]
    public void Owning_dovecot_conf_keeps_fedoras_system_crypto_policy(string major)
    {
        Render("dovecot.conf.liquid", "redhat", major).ShouldContain("\nssl_cipher_list = PROFILE=SYSTEM\n");
        // Debian's OpenSSL has no system profile: the setting would break TLS there.
        Render("dovecot.conf.liquid", "debian", major).ShouldNotContain("PROFILE=SYSTEM");
    }

    [Theory]
    [InlineData("redhat")]
    [InlineData("debian")]
    public void Dovecot_2_3_reads_dh_parameters_from_the_file_site_yml_installs_not_one_a_unit_may_make(string family)
    {
        // Fedora's dovecot.service made /etc/dovecot/dh.pem at its first start; nothing else guaranteed it.
        Render("30-pop3s.conf.liquid", family, "2.3").ShouldContain("\nssl_dh = </etc/dovecot/ffdhe2048.pem\n");
        Render("30-pop3s.conf.liquid", family, "2.4").ShouldNotContain("ssl_dh");
    }
}
