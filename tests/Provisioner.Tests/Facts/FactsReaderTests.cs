using Provisioner.HostFacts;
using Provisioner.Modules;

namespace Provisioner.Tests.FactsTests;

public class FactsReaderTests
{
    [Fact]
    public void Parses_every_fact_from_one_script_output()
    {
        var f = FactsReader.Parse("""
            os_id=fedora
            os_version=43
            os_like=
            os_pretty=Fedora Linux 43 (Server Edition)
            systemd=257
            selinux=enforcing
            version=postfix 3.10.2
            version=dovecot 2.4.1 (7f12a8b)
            hostname=mail.example.jp
            user=root
            if=lo 127.0.0.1/8
            if=enp1s0 203.0.113.5/24
            if=enp2s0 192.168.1.5/24
            if=enp2s0 fe80::1/64
            """);
        f.OsFamily.ShouldBe("redhat");
        f.PackageManager.ShouldBe("dnf");
        f.SelinuxEnforcing.ShouldBeTrue();
        f.SystemdVersion.ShouldBe(257);
        f.Interfaces.Single(i => i.Name == "enp2s0").Addresses.ShouldBe(["192.168.1.5/24", "fe80::1/64"]);
        var vars = FactsReader.ToVars(f, ModuleRegistry.Default.Versions);
        (vars["dovecot_major"], vars["dovecot_version"], vars["postfix_version"]).ShouldBe(("2.4", "2.4.1", "3.10.2"));
    }

    [Fact]
    public void Global_ipv6_addresses_by_nic_leave_out_link_local_unique_local_and_loopback()
    {
        var f = FactsReader.Parse("""
            os_id=fedora
            if=lo 127.0.0.1/8
            if=lo ::1/128
            if=enp1s0 203.0.113.5/24
            if=enp1s0 2001:db8:25::25/64
            if=enp1s0 fe80::5054:ff:fe12:3456/64
            if=enp2s0 192.168.1.5/24
            if=enp2s0 fd00:1::5/64
            """);
        var global = (Dictionary<string, object?>)FactsReader.ToVars(f, [])["ipv6_global"]!;
        global["enp1s0"].ShouldBe(new List<object?> { "2001:db8:25::25" });
        global["enp2s0"].ShouldBe(new List<object?>());
        global["lo"].ShouldBe(new List<object?>());
    }

    [Theory]
    [InlineData("debian", "", "debian")]
    [InlineData("ubuntu", "debian", "debian")]
    [InlineData("rocky", "rhel centos fedora", "redhat")]
    [InlineData("fedora", "", "redhat")]
    public void Family_from_os_release(string id, string like, string family) => FactsReader.Family(id, like).ShouldBe(family);

    [Fact]
    public void Debian_with_dnf_installed_still_uses_apt()
    {
        FactsReader.Parse("os_id=debian\nos_version=13\n").PackageManager.ShouldBe("apt");
    }

    [Fact]
    public void Software_not_installed_has_no_version_and_the_engine_core_names_none()
    {
        var vars = FactsReader.ToVars(FactsReader.Parse("os_id=debian\n"), ModuleRegistry.Default.Versions);
        (vars["dovecot_major"], vars["postfix_version"]).ShouldBe((null, null));
        FactsReader.ToVars(FactsReader.Parse("os_id=debian\n"), []).Keys.ShouldNotContain("dovecot_major");
    }

    [Fact]
    public void The_facts_script_asks_for_each_version_and_list_the_modules_bring()
    {
        var script = FactsReader.Command(ModuleRegistry.Default).Render();
        script.ShouldStartWith("set -- version postfix postconf '-h mail_version' version dovecot dovecot --version list postfix_map_types postconf -m\n");
    }

    [Fact]
    public void A_list_fact_is_every_word_the_program_printed_and_nil_where_the_program_is_missing()
    {
        // postconf -m on EL10 (no Berkeley DB: no hash, no btree), as facts.sh joins its lines.
        var f = FactsReader.Parse("os_id=almalinux\nlist=postfix_map_types cidr environ fail inline internal lmdb memcache pipemap proxy \n");
        var vars = FactsReader.ToVars(f, ModuleRegistry.Default.Versions);
        vars["postfix_map_types"].ShouldBe(new List<object?> { "cidr", "environ", "fail", "inline", "internal", "lmdb", "memcache", "pipemap", "proxy" });
        FactsReader.ToVars(FactsReader.Parse("os_id=debian\n"), ModuleRegistry.Default.Versions).ShouldNotContainKey("postfix_map_types");
        // postconf present but failing (a broken main.cf) printed nothing: unknown, not "no map types".
        FactsReader.ToVars(FactsReader.Parse("os_id=debian\nlist=postfix_map_types \n"), ModuleRegistry.Default.Versions).ShouldNotContainKey("postfix_map_types");
    }

    [Fact]
    public void The_facts_script_prints_a_list_fact_on_one_line_and_nothing_for_a_missing_program()
    {
        var registry = new ModuleRegistry().AddFacts(new ListFact("words", "seq", ["2", "4"])).AddFacts(new ListFact("none", "no-such-program-here", []));
        var run = new System.Diagnostics.ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, UseShellExecute = false };
        run.ArgumentList.Add("-c");
        run.ArgumentList.Add(FactsReader.Command(registry).Render());
        using var p = System.Diagnostics.Process.Start(run)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        output.ShouldContain("\nlist=words 2 3 4 \n");
        output.ShouldNotContain("list=none");
        FactsReader.Parse(output).Lists["words"].ShouldBe(["2", "3", "4"]);
    }
}

public class FactsAfterInstallTests
{
    [Theory]
    [InlineData("dovecot-core", "1:2.3.19.1+dfsg1-2.1+deb12u6", null, "2.3.19.1")]
    [InlineData("dovecot-core", "1:2.4.1+dfsg1-6+deb13u7", null, "2.4.1")]
    [InlineData("dovecot", "2.3.21-13.fc41", null, "2.3.21")]
    [InlineData("postfix", "3.7.11-0+deb12u1", "3.7.11", null)]
    [InlineData("postfix", "installed", null, null)]  // no candidate known: the facts stay as they are
    [InlineData("swaks", "20240103.0-1", null, null)]
    public void Predicts_version_facts_from_the_candidate_an_install_brings(string package, string version, string? postfix, string? dovecot)
    {
        var facts = FactsReader.WithInstalls(Provisioner.Tests.ModuleTests.ModuleTestKit.DebianFacts, ModuleRegistry.Default.Versions, [(package, version)]);
        facts.Versions.GetValueOrDefault("postfix").ShouldBe(postfix);
        facts.Versions.GetValueOrDefault("dovecot").ShouldBe(dovecot);
    }
}
