using Provisioner.Templating;

namespace Provisioner.Tests.TemplatingTests;

public class FactReadsTests
{
    private static Vars WithFacts(string? dovecotMajor) => Vars.Empty(new SecretSet())
        .With("facts", new Dictionary<string, object?> { ["os_family"] = "debian", ["dovecot_major"] = dovecotMajor })
        .With("domain", "example.test");

    [Fact]
    public void Records_the_facts_a_template_reads_and_only_while_tracking()
    {
        const string Text = "{% if facts.dovecot_major == \"2.3\" %}ssl_cert{% else %}ssl_server_cert_file{% endif %} for {{ domain }}";
        var (result, reads) = FactReads.Track(() => TemplateEngine.Render(Text, WithFacts("2.3")));
        result.Text.ShouldBe("ssl_cert for example.test");
        reads.ShouldBe(["dovecot_major"]);

        var (other, none) = FactReads.Track(() => TemplateEngine.Render("{{ domain }}", WithFacts(null)));
        other.Text.ShouldBe("example.test");
        none.ShouldBeEmpty();

        // Outside a Track the facts are plain values: same output.
        TemplateEngine.Render(Text, WithFacts(null)).Text.ShouldBe("ssl_server_cert_file for example.test");
    }

    [Fact]
    public void Conditions_record_reads_too()
    {
        var ((ok, _, _), reads) = FactReads.Track(() => TemplateEngine.Condition("facts.os_family == \"debian\"", WithFacts(null)));
        ok.ShouldBeTrue();
        reads.ShouldBe(["os_family"]);
    }
}
