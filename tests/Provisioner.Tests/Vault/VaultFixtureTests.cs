using System.Text;
using CsCheck;
using Provisioner.Tests.Playbooks;
using Provisioner.Vault;
using Provisioner.Yaml;

namespace Provisioner.Tests.VaultTests;

/// <summary>Decrypts what ansible-vault itself made (Fixtures/vault, see its README).</summary>
public sealed class VaultFixtureTests
{
    public const string Password = "correct horse battery";
    public static VaultKeys Keys(string password = Password, string? id = null) => new([new VaultPassword(id, "test") { Secret = password }]);

    [Fact]
    public void A_1_1_file_decrypts_and_every_value_is_secret()
    {
        var d = new Diagnostics();
        var map = YamlLoader.LoadFile(Fixture.Path("vault/vars-1.1.yml"), d, vault: Keys()).ShouldBeOfType<MapNode>();
        d.Items.ShouldBeEmpty();
        map.Get("db_password").ShouldBe(new ScalarNode("s3cret-from-vault", new SourceSpan(Fixture.Path("vault/vars-1.1.yml"), 1, 14), Secret: true, Quoted: true));
        map.Get("port").ShouldBeOfType<ScalarNode>().Secret.ShouldBeTrue();
    }

    [Fact]
    public void A_1_2_file_with_a_vault_id_prefers_the_password_of_that_id()
    {
        var keys = new VaultKeys([
            new VaultPassword("dev", "dev-file") { Secret = Password },
            new VaultPassword("prod", "prod-file") { Secret = "other-id-password" },
        ]);
        var d = new Diagnostics();
        var map = YamlLoader.LoadFile(Fixture.Path("vault/vars-1.2-prod.yml"), d, vault: keys).ShouldBeOfType<MapNode>();
        d.Items.ShouldBeEmpty();
        map.Get("db_password").ShouldBeOfType<ScalarNode>().Value.ShouldBe("s3cret-from-vault");
    }

    [Fact]
    public void An_inline_vault_value_decrypts_into_a_secret_scalar()
    {
        var d = new Diagnostics();
        var map = YamlLoader.LoadFile(Fixture.Path("vault/inline.yml"), d, vault: Keys()).ShouldBeOfType<MapNode>();
        d.Items.ShouldBeEmpty();
        var value = map.Get("db_password").ShouldBeOfType<ScalarNode>();
        (value.Value, value.Secret).ShouldBe(("inline-s3cret", true));
    }

    [Fact]
    public void A_wrong_password_names_the_file_and_never_the_data()
    {
        var d = new Diagnostics();
        var path = Fixture.Path("vault/vars-1.1.yml");
        YamlLoader.LoadFile(path, d, vault: Keys("wrong")).ShouldBeNull();
        var message = d.ShouldHaveSingleItem().ToString();
        message.ShouldStartWith($"{path}:1:1: the file cannot be decrypted: wrong vault password (tried test)");
        message.ShouldNotContain(File.ReadAllLines(path)[1]);
    }

    [Fact]
    public void A_cut_vault_is_reported_as_damaged()
    {
        var d = new Diagnostics();
        var text = File.ReadAllText(Fixture.Path("vault/vars-1.1.yml"));
        Keys().Decrypt(text[..^10], new SourceSpan("f", 1, 1), "the file", d).ShouldBeNull();
        d.ShouldHaveSingleItem().Message.ShouldContain("cut or edited");
    }

    [Fact]
    public void Any_other_password_fails_the_hmac_check() =>
        Gen.String.Sample(p =>
        {
            var (envelope, _) = VaultEnvelope.Parse(File.ReadAllText(Fixture.Path("vault/vars-1.1.yml")));
            return p == Password || VaultCipher.Decrypt(envelope!, Encoding.UTF8.GetBytes(p)) is null;
        }, iter: 50);
}
