using System.Text;
using Provisioner.Templating;
using Provisioner.Tests.Playbooks;
using Provisioner.Yaml;

namespace Provisioner.Tests.TemplatingTests;

/// <summary>A value rendered from a secret is a secret: directly, through filters, through other variables.</summary>
public sealed class SecretTaintTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly SecretSet _secrets = new();
    public void Dispose() => _dir.Dispose();

    /// <summary>Plain vars, then a <c>*.secret.yml</c> file, as a play's vars_files would give them.</summary>
    private Vars Load(string plain, string secretFile)
    {
        var d = new Diagnostics();
        var layers = new[] { VarsFile.Load(_dir.Write("vars/app.yml", plain), d)!, VarsFile.Load(_dir.Write("vars/app.secret.yml", secretFile), d)! };
        d.Items.ShouldBeEmpty();
        return layers.Aggregate(Vars.Empty(_secrets), (v, layer) => v.Merge(Vars.LayerFrom(layer, _secrets)));
    }

    private string Rendered(Vars vars, string template)
    {
        var r = TemplateEngine.Render(template, vars);
        r.Ok.ShouldBeTrue(r.Problem);
        return r.Text!;
    }

    private Vars Standard() => Load(
        "domain: example.test\ndsn: \"db://app:{{ pw }}@db\"\nusers:\n  - { name: alice, password: \"{{ alice_pw }}\" }\n",
        "pw: \"{{ domain }}-s3cret\"\nalice_pw: \"al1ce-{{ domain }}\"\n");

    [Theory]
    [InlineData("{{ pw }}", "example.test-s3cret")]
    [InlineData("{{ pw | upcase }}", "EXAMPLE.TEST-S3CRET")]
    [InlineData("{{ pw | append: 'x' }}", "example.test-s3cretx")]
    [InlineData("{{ pw | downcase | prepend: '>' | replace: 'e', 'E' }}", ">ExamplE.tEst-s3crEt")]
    [InlineData("{% assign up = pw | upcase %}{{ up | downcase | capitalize }}", "Example.test-s3cret")]
    [InlineData("{% capture c %}{{ pw | upcase }}{% endcapture %}{{ c | size }} {{ c | remove: 'E' }}", "XAMPL.TST-S3CRT")]
    [InlineData("{{ dsn | upcase }}", "DB://APP:EXAMPLE.TEST-S3CRET@DB")]
    [InlineData("{% for u in users %}{{ u.password | upcase }}{% endfor %}", "AL1CE-EXAMPLE.TEST")]
    public void Rendered_and_derived_values_are_masked(string template, string derived)
    {
        var text = Rendered(Standard(), template);
        text.ShouldEndWith(derived);
        _secrets.Mask(text).ShouldNotContain(derived);
        _secrets.Mask("before " + derived + " after").ShouldBe("before " + SecretSet.Placeholder + " after");
    }

    [Fact]
    public void Base64_of_a_secret_is_masked()
    {
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes("example.test-s3cret"));
        Rendered(Standard(), "{{ pw | base64_encode }}").ShouldBe(encoded);
        _secrets.Mask("key=" + encoded).ShouldBe("key=" + SecretSet.Placeholder);
    }

    [Fact]
    public void A_whole_value_reference_to_a_templated_secret_is_a_secret_scalar()
    {
        var d = new Diagnostics();
        var node = (ScalarNode)NodeRenderer.Render(new ScalarNode("{{ pw }}", SourceSpan.None), Standard(), d);
        d.Items.ShouldBeEmpty();
        node.Value.ShouldBe("example.test-s3cret");
        node.Secret.ShouldBeTrue();
        _secrets.Mask(node.Value).ShouldBe(SecretSet.Placeholder);
    }

    [Fact]
    public void What_did_not_read_a_secret_stays_visible()
    {
        var vars = Standard();
        Rendered(vars, "{{ domain | upcase }} {{ users[0].name | upcase }} {{ users | size }}").ShouldBe("EXAMPLE.TEST ALICE 1");
        _secrets.Mask("EXAMPLE.TEST ALICE").ShouldBe("EXAMPLE.TEST ALICE");
        _secrets.Mask("example.test").ShouldBe("example.test");
    }
}
