using Provisioner.Inventories;
using Provisioner.Tests.Playbooks;
using Provisioner.Yaml;

namespace Provisioner.Tests.Inventories;

public sealed class InventoryPatternTests
{
    private static readonly Inventory Lab = InventoryLoader.Load(Fixture.Path("inventory/hosts.yml"), new Diagnostics())!;

    [Theory]
    [InlineData("all", "bastion mx1 mx2 web1 web2 db1")]
    [InlineData("*", "bastion mx1 mx2 web1 web2 db1")]
    [InlineData("mail", "mx1 mx2")]
    [InlineData("lab", "mx2")]
    [InlineData("mx1", "mx1")]
    [InlineData("web,bastion", "bastion web1 web2 db1")]
    [InlineData("prod:lab", "mx1 mx2")]
    [InlineData("mail:&lab", "mx2")]
    [InlineData("all:!mail", "bastion web1 web2 db1")]
    [InlineData("!web", "bastion mx1 mx2")]
    [InlineData("db*", "db1")]
    [InlineData("web?", "web1 web2")]
    [InlineData("m*", "mx1 mx2")]
    [InlineData("mail:&lab:!web,db*", "mx2")]
    [InlineData("!mail:web", "web1 web2 db1")]
    [InlineData("zz*", "")]
    public void Matches(string pattern, string expected)
    {
        var d = new Diagnostics();
        string.Join(" ", InventoryPattern.Match(Lab, pattern, d).Select(h => h.Name)).ShouldBe(expected);
        d.Items.ShouldBeEmpty();
    }

    [Fact]
    public void Unknown_name_is_reported_with_a_suggestion()
    {
        var d = new Diagnostics();
        var span = new SourceSpan("site.yml", 2, 10);
        InventoryPattern.Match(Lab, "maill:&lab", d, span).ShouldBeEmpty();
        d.Items.Single().ToString().ShouldBe("site.yml:2:10: 'maill' is neither a group nor a host of the inventory — did you mean 'mail'?");
    }

    [Fact]
    public void Unknown_name_on_the_command_line_names_the_pattern()
    {
        var d = new Diagnostics();
        InventoryPattern.Match(Lab, "qqqqqq", d);
        d.Items.Single().ToString().ShouldStartWith("host pattern 'qqqqqq': 'qqqqqq' is neither a group nor a host of the inventory — groups are: all, ungrouped, mail, lab, prod, web");
    }
}
