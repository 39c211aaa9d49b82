using Provisioner.Yaml;

namespace Provisioner.Tests.YamlTests;

/// <summary>
/// Issue 16: an inline <c>!vault</c> value used to be read as a plain string, so the ciphertext would
/// have been deployed as the password. Without a vault password it is an error at its position.
/// </summary>
public sealed class VaultTagTests
{
    private const string Inline = """
        db_password: !vault |
          $ANSIBLE_VAULT;1.1;AES256
          62313365396662343061393464336163383764373764613633653634306231386433626436623361
          6134333665353966363534333632666535333761666131620a663537646436643839616531643561
          63396265333966386166373632626539326166353965363262633030333630313338646335303630
          3438626666666137650a353638643435666633633964366338633066623234616432373231333331
          6564
        """;

    [Fact]
    public void An_inline_vault_value_without_a_password_is_an_error_not_a_string()
    {
        var d = new Diagnostics();
        YamlLoader.LoadText(Inline, "vars.yml", d);
        d.HasErrors.ShouldBeTrue();
        d[0].Span.ShouldBe(new SourceSpan("vars.yml", 1, 14));
        d[0].ToString().ShouldContain("--vault-password-file");
    }
}
