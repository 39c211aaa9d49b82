using System.Text.Json;
using Provisioner.LabTests.Execution;

namespace Provisioner.LabTests.Lab;

/// <summary>One forky host for <see cref="ForkyTargetTests"/> (nothing boots when forky cannot boot here).</summary>
public sealed class ForkyTargetFixture() : FreshLabFixture("t-forky", "forky");

/// <summary>
/// The forky flavor is the Fedora-like target: NetworkManager owns pub0 and lan0 through keyfile
/// profiles whose connection.zone binds them to public and internal, firewalld's default zone is
/// FedoraServer, Postfix 3.11 and Dovecot 2.4 wait in the offline cache, and dnf is dnf5 — while
/// os-release stays Debian's, so the engine still installs with apt.
/// </summary>
[LabFlavor("forky")]
public sealed class ForkyTargetTests(ForkyTargetFixture fx) : IClassFixture<ForkyTargetFixture>
{
    [LabFact]
    public void NetworkManager_owns_both_nics_through_the_lab_profiles_and_networkd_is_off()
    {
        var h = fx.Lab.Host;
        using var ssh = fx.Lab.Ssh();
        ssh.Run("systemctl is-active NetworkManager").ShouldBe("active");
        ssh.Run("systemctl is-active systemd-networkd || true").ShouldBe("inactive");
        var devices = ssh.Run("nmcli -t -f DEVICE,STATE,CONNECTION dev").Split('\n');
        devices.ShouldContain("pub0:connected:lab-pub0");
        devices.ShouldContain("lan0:connected:lab-lan0");
        ssh.Run("nmcli -g connection.zone con show lab-pub0").ShouldBe("public");
        ssh.Run("nmcli -g connection.zone con show lab-lan0").ShouldBe("internal");
        ssh.Run("nmcli -g ipv4.addresses con show lab-pub0").ShouldBe($"{h.PubAddress}/24");
        ssh.Run("nmcli -g ipv4.addresses con show lab-lan0").ShouldBe($"{h.LanAddress}/24");
        ssh.Run("ls /etc/NetworkManager/system-connections").ShouldBe("lab-lan0.nmconnection\nlab-pub0.nmconnection");
        ssh.Run("ls /etc/systemd/network").ShouldBeEmpty();
        ssh.Run("ip route show default").ShouldBeEmpty();
    }

    [LabFact]
    public void Firewalld_defaults_to_FedoraServer_and_binds_the_nics_by_their_NetworkManager_zone()
    {
        using var ssh = fx.Lab.Ssh();
        ssh.Run("firewall-cmd --state").ShouldBe("running");
        ssh.Run("firewall-cmd --get-default-zone").ShouldBe("FedoraServer");
        ssh.Run("firewall-cmd --zone=FedoraServer --list-services").ShouldBe("cockpit dhcpv6-client ssh");
        ssh.Run("firewall-cmd --get-zone-of-interface=pub0").ShouldBe("public");
        ssh.Run("firewall-cmd --get-zone-of-interface=lan0").ShouldBe("internal");
        ssh.Run("firewall-cmd --zone=public --query-service=ssh").ShouldBe("yes");
        ssh.Run("firewall-cmd --zone=internal --query-service=ssh").ShouldBe("yes");
        // As on Fedora, no zone file names the NICs: the binding is the NetworkManager profiles'.
        ssh.Run("grep -l -E 'interface name=\"(pub0|lan0)\"' /etc/firewalld/zones/*.xml || true").ShouldBeEmpty();
    }

    [LabFact]
    public void Ssh_from_the_host_reaches_both_addresses()
    {
        foreach (var address in new[] { fx.Lab.Host.PubAddress, fx.Lab.Host.LanAddress })
        {
            using var ssh = fx.Lab.Ssh(address);
            ssh.Run("hostname -f").ShouldBe(fx.Lab.Host.Fqdn, $"via {address}");
        }
    }

    [LabFact]
    public async Task Os_release_stays_Debian_so_the_engine_installs_with_apt()
    {
        fx.Lab.Run(". /etc/os-release; echo \"$ID $VERSION_CODENAME\"").ShouldBe("debian forky");
        var run = await fx.Provision("facts", fx.Lab.Name);
        run.ExitCode.ShouldBe(0, run.ToString());
        var facts = JsonDocument.Parse(run.StdOut).RootElement.GetProperty(fx.Lab.Name);
        facts.GetProperty("os_family").GetString().ShouldBe("debian");
        facts.GetProperty("package_manager").GetString().ShouldBe("apt");
    }

    [LabFact]
    public void The_offline_cache_holds_Postfix_3_11_and_Dovecot_2_4_neither_installed_yet()
    {
        using var ssh = fx.Lab.Ssh();
        ssh.Run("command -v postconf dovecot || true").ShouldBeEmpty();
        ssh.Run("apt-cache policy postfix | sed -n 's/^ *Candidate: //p'").ShouldStartWith("3.11.");
        ssh.Run("apt-cache policy dovecot-core | sed -n 's/^ *Candidate: //p'").ShouldStartWith("1:2.4.");
        ssh.Run("apt-get install -s --no-download postfix dovecot-core >/dev/null && echo installable").ShouldBe("installable");
    }

    [LabFact]
    public void Dnf_is_dnf5_once_installed_from_the_offline_cache()
    {
        using var ssh = fx.Lab.Ssh();
        ssh.Run("readlink /usr/bin/dnf").ShouldBe("dnf5");
        ssh.Run("DEBIAN_FRONTEND=noninteractive apt-get install -y --no-download dnf5 >/dev/null && echo ok").ShouldBe("ok");
        ssh.Run("dnf --version | head -n 1").ShouldStartWith("dnf5 version 5.");
    }
}
