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
    [InlineData("mail:&lab:!web", "mx2")]
    [InlineData("!mail:web", "web1 web2 db1")]
    [InlineData("zz*", "")]
    public void Matches(string pattern, string expected)
    {
        var d = new Diagnostics();
        string.Join(" ", InventoryPattern.Match(Lab, pattern, d).Select(h => h.Name)).ShouldBe(expected);
        d.Items.ShouldBeEmpty();
    }

    [Fact]
    public void Did_you_mean_stops_after_its_cap_across_the_terms_of_one_pattern()
    {
        // Each term is looked up with diagnostics of its own (so a term's error can become a warning):
        // the cap must count what the earlier terms already reported, or it never stops.
        var d = new Diagnostics();
        var pattern = string.Join(',', Enumerable.Range(0, Suggest.MaxErrorsSuggested + 5).Select(i => $"mx1{(char)('a' + i)}"));
        InventoryPattern.Match(Lab, pattern, d).ShouldBeEmpty();

        d.Items.Count.ShouldBe(Suggest.MaxErrorsSuggested + 5);
        d.Items.Count(i => i.Fix!.StartsWith("did you mean", StringComparison.Ordinal)).ShouldBe(Suggest.MaxErrorsSuggested);
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

    /// <summary>Issue 26, item 8: what `ansible -i Fixtures/ansible/ungrouped-ini/hosts PATTERN --list-hosts` selected (ansible-core 2.14).</summary>
    [Theory]
    [InlineData("webservers[0]", "foo.example.com")]
    [InlineData("webservers[-1]", "early.example.com")]
    [InlineData("webservers[0:1]", "early.example.com foo.example.com")]
    [InlineData("webservers[1:]", "early.example.com")]
    [InlineData("webservers[5]", "")]
    [InlineData("~(foo|one)\\.example", "foo.example.com one.example.com")]
    [InlineData("all:!webservers[0]", "mail.example.com early.example.com plain.example.com one.example.com")]
    [InlineData("webservers,nosuch", "early.example.com foo.example.com")]
    [InlineData("webservers:dbservers,mail.example.com", "mail.example.com")]
    public void Subscripts_regexes_and_comma_lists_select_as_ansible_does(string pattern, string expected)
    {
        var inventory = InventoryLoader.Load(Fixture.Path("ansible/ungrouped-ini/hosts"), new Diagnostics())!;
        var d = new Diagnostics();
        string.Join(" ", InventoryPattern.Match(inventory, pattern, d).Select(h => h.Name)).ShouldBe(expected);
        d.Items.ShouldBeEmpty();
    }

    [Fact]
    public void An_unknown_name_beside_known_ones_is_a_warning_and_the_rest_is_used()
    {
        var inventory = InventoryLoader.Load(Fixture.Path("ansible/ungrouped-ini/hosts"), new Diagnostics())!;
        var d = new Diagnostics();
        InventoryPattern.Match(inventory, "dbservers,webserverz", d, new SourceSpan("-l", 1, 1)).Select(h => h.Name).ShouldBe(["one.example.com"]);
        d.Items.ShouldBeEmpty();
        d.Warnings.Single().ToString().ShouldBe("-l:1:1: 'webserverz' is neither a group nor a host of the inventory: ignored, as Ansible does — did you mean 'webservers'?");
    }

    [Fact]
    public void A_regex_that_could_backtrack_without_end_is_refused_or_linear()
    {
        var d = new Diagnostics();
        InventoryPattern.Match(Lab, "~(a+)+\\1", d);
        d.Items.Single().Message.ShouldContain("is not a regular expression provision can use");
    }
}
