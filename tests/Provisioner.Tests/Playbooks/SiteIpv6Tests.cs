using Provisioner.Modules;

namespace Provisioner.Tests.Playbooks;

/// <summary>
/// Issue 25, item 10: an MX whose name has an AAAA record is reached over IPv6 by other servers.
/// Postfix listens on IPv6 too where the global NIC has a global IPv6 address (mail_ipv6, defaulting
/// to that), and the probes check both families where both exist.
/// </summary>
public sealed class SiteIpv6Tests
{
    // The example inventory's global NIC is enp1s0; facts.ipv6_global as FactsReader makes it from `ip -o addr`.
    private static SiteOnHost Host(string? globalIpv6, params string[] extra) => new(new Dictionary<string, object?>
    {
        ["os_family"] = "redhat",
        ["ipv6_global"] = new Dictionary<string, object?> { ["enp1s0"] = globalIpv6 is null ? new List<object?>() : new List<object?> { globalIpv6 } },
    }, extra);

    private static string Param(PostconfArgs a, string name) => a.Params.Single(p => p.Key == name).Value;

    private static IReadOnlyList<string> Ipv6Probes(SiteOnHost host) =>
    [
        .. host.Playbook.Plays.SelectMany(p => p.Stages).SelectMany(s => s.Verify)
            .Where(p => p.When is { } w && w.Contains("pub_address6", StringComparison.Ordinal) && host.Holds(w))
            .Select(p => p.Name),
    ];

    [Fact]
    public void With_a_global_ipv6_address_postfix_listens_on_both_families_and_the_probes_use_both()
    {
        using var host = Host("2001:db8:25::25");
        var listen = host.Args<PostconfArgs>("smtp", "Postfix listens on every NIC, both families where the host has global IPv6 (Fedora ships localhost only)");
        Param(listen, "inet_protocols").ShouldBe("all");
        Param(host.Args<PostconfArgs>("smtp", "main.cf for receiving and sending on 25"), "mynetworks").ShouldBe("127.0.0.0/8, [::1]/128, 192.168.1.0/24");
        host.Render("{{ pub_address6 }}").ShouldBe("2001:db8:25::25");
        Ipv6Probes(host).ShouldBe(["ESMTP banner on 25 over IPv6", "certificate chain on 995 verifies over IPv6", "STARTTLS offered on 587 over IPv6"]);
    }

    [Fact]
    public void Without_one_it_stays_ipv4_and_so_do_the_probes()
    {
        using var host = Host(null);
        Param(host.Args<PostconfArgs>("smtp", "Postfix listens on every NIC, both families where the host has global IPv6 (Fedora ships localhost only)"), "inet_protocols").ShouldBe("ipv4");
        Param(host.Args<PostconfArgs>("smtp", "main.cf for receiving and sending on 25"), "mynetworks").ShouldBe("127.0.0.0/8, 192.168.1.0/24");
        host.Render("{{ pub_address6 }}").ShouldBe("");
        Ipv6Probes(host).ShouldBeEmpty();
        // Facts without the NIC at all (a misspelt pub_interface): IPv4, not an error.
        using var unknown = new SiteOnHost(new Dictionary<string, object?> { ["os_family"] = "redhat" });
        unknown.Render("{{ mail_ipv6 }} {{ postfix_inet_protocols }}").ShouldBe("false ipv4");
    }

    [Fact]
    public void Mail_ipv6_false_keeps_ipv4_even_with_a_global_address()
    {
        using var host = Host("2001:db8:25::25", "mail_ipv6=false");
        Param(host.Args<PostconfArgs>("smtp", "Postfix listens on every NIC, both families where the host has global IPv6 (Fedora ships localhost only)"), "inet_protocols").ShouldBe("ipv4");
        Ipv6Probes(host).ShouldBeEmpty();
    }
}
