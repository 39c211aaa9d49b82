using Provisioner.Execution;

namespace Provisioner.Tests.ExecutionTests;

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
            postfix=3.10.2
            dovecot=2.4.1-4
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
        FactsReader.ToVars(f)["dovecot_major"].ShouldBe("2.4");
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
}
