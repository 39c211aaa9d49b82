using Provisioner.Templating;
using Provisioner.Tests.Playbooks;
using Provisioner.Variables;
using Provisioner.Yaml;

namespace Provisioner.Tests.Variables;

public sealed class ExtraVarsTests
{
    private static Dictionary<string, object?> Values(string argument, out Diagnostics d, SecretSet? secrets = null)
    {
        d = new Diagnostics();
        var map = ExtraVars.Parse(argument, d);
        return map is null ? [] : Templating.Vars.LayerFrom(map, secrets ?? new SecretSet()).ToDictionary();
    }

    [Fact]
    public void Key_value_pairs_stay_strings_and_quotes_group_words()
    {
        var v = Values("port=2525 motd='hello world' url=http://a/?b=c", out var d);
        d.Items.ShouldBeEmpty();
        v.ShouldBe(new Dictionary<string, object?> { ["port"] = "2525", ["motd"] = "hello world", ["url"] = "http://a/?b=c" }, ignoreOrder: true);
    }

    [Fact]
    public void Json_and_yaml_flow_mappings_keep_types()
    {
        var json = Values("{\"ports\": [25, 587], \"tls\": true, \"name\": \"mx\"}", out var d1);
        d1.Items.ShouldBeEmpty();
        json["ports"].ShouldBe(new List<object?> { 25L, 587L });
        json["tls"].ShouldBe(true);
        Values("{ relay: no, size: 10 }", out _).ShouldBe(new Dictionary<string, object?> { ["relay"] = false, ["size"] = 10L }, ignoreOrder: true);
    }

    [Fact]
    public void At_file_loads_a_vars_file_and_secret_files_are_secret()
    {
        using var dir = new TempDir();
        var plain = dir.Write("x.yml", "a: 1\n");
        var secret = dir.Write("db.secret.yml", "db_password: correct-horse\n");
        Values("@" + plain, out _)["a"].ShouldBe(1L);
        var secrets = new SecretSet();
        Values("@" + secret, out _, secrets)["db_password"].ShouldBe("correct-horse");
        secrets.Mask("pw=correct-horse").ShouldBe("pw=********");
    }

    [Theory]
    [InlineData("novalue", "-e 'novalue': expected key=value, @FILE or a JSON/YAML mapping")]
    [InlineData("1x=2", "-e '1x': expected key=value")]
    [InlineData("{ a: [ }", "-e:1:")]
    [InlineData("@missing.yml", "missing.yml: file not found")]
    public void Malformed_arguments_are_reported(string argument, string expected)
    {
        Values(argument, out var d);
        d.Items.ShouldNotBeEmpty();
        d.Items[0].ToString().ShouldStartWith(expected);
    }

    [Fact]
    public void A_malformed_pair_does_not_echo_its_value()
    {
        Values("1pw=hunter2", out var d);
        d.Items.Single().ToString().ShouldNotContain("hunter2");
    }

    [Fact]
    public void Layers_put_vars_files_before_extra_vars()
    {
        using var dir = new TempDir();
        var f = dir.Write("v.yml", "x: file\ny: file\n");
        var layers = ExtraVars.Layers([f], ["x=cli"], new Diagnostics());
        var vars = layers.Aggregate(Templating.Vars.Empty(new SecretSet()), (v, l) => v.Merge(Templating.Vars.LayerFrom(l, v.Secrets)));
        (vars.Values["x"], vars.Values["y"]).ShouldBe(("cli", "file"));
    }
}
