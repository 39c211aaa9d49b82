using System.Net.Sockets;
using Renci.SshNet.Common;

namespace Provisioner.LabTests.Lab;

/// <summary>
/// Boots the lab instances once for <see cref="LabTargetTests"/>: t-lab1 and t-lab2 stay up for the
/// whole class; t-lab3 is booted in parallel only so that one test can take it down and check the host.
/// </summary>
public sealed class LabFixture : IAsyncLifetime
{
    public LabInstance Lab1 { get; private set; } = null!;
    public LabInstance Lab2 { get; private set; } = null!;
    public LabInstance Lab3 { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // Three `up` calls from parallel processes: the script serialises index allocation and the
        // (first-time) cache build under its lock, the boots themselves overlap.
        var t1 = LabInstance.UpAsync("t-lab1");
        var t2 = LabInstance.UpAsync("t-lab2");
        var t3 = LabInstance.UpAsync("t-lab3");
        try
        {
            await Task.WhenAll(t1, t2, t3);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }

        Lab1 = t1.Result;
        Lab2 = t2.Result;
        Lab3 = t3.Result;
    }

    public async Task DisposeAsync() =>
        await LabInstance.RunLabAsync(TimeSpan.FromMinutes(2), "down", "t-lab1", "t-lab2", "t-lab3");
}

public sealed class LabTargetTests(LabFixture lab) : IClassFixture<LabFixture>
{
    private readonly LabInstance _lab1 = lab.Lab1;
    private readonly LabInstance _lab2 = lab.Lab2;

    [Fact]
    public void Inventory_describes_the_instance()
    {
        var h = _lab1.Host;
        h.Name.ShouldBe("t-lab1");
        h.Address.ShouldBe(h.PubAddress);
        h.PubAddress.ShouldBe($"198.18.{h.Index}.2");
        h.LanAddress.ShouldBe($"10.77.{h.Index}.2");
        h.HostPubAddress.ShouldBe($"198.18.{h.Index}.1");
        h.BlockedClientAddress.ShouldBe($"198.18.{h.Index}.254");
        h.LanCidr.ShouldBe($"10.77.{h.Index}.0/24");
        h.Fqdn.ShouldBe("mail.t-lab1.test");
        h.Domain.ShouldBe("t-lab1.test");
        h.Flavor.ShouldBe("trixie");
        h.User.ShouldBe("root");
        h.Port.ShouldBe(22);
        File.Exists(h.IdentityFile).ShouldBeTrue();
        File.Exists(h.CaFile).ShouldBeTrue();
        _lab2.Host.Index.ShouldNotBe(h.Index);
    }

    [Fact]
    public void Systemd_reports_running()
    {
        _lab1.Run("systemctl is-system-running").ShouldBe("running");
    }

    [Fact]
    public void Firewalld_is_active_and_binds_the_zones()
    {
        using var ssh = _lab1.Ssh();
        ssh.Run("systemctl is-active firewalld").ShouldBe("active");
        ssh.Run("firewall-cmd --state").ShouldBe("running");
        ssh.Run("firewall-cmd --get-zone-of-interface=pub0").ShouldBe("public");
        ssh.Run("firewall-cmd --get-zone-of-interface=lan0").ShouldBe("internal");
        ssh.Run("firewall-cmd --zone=public --query-service=ssh").ShouldBe("yes");
        ssh.Run("firewall-cmd --zone=internal --query-service=ssh").ShouldBe("yes");
        ssh.Run("nft list tables").ShouldContain("table inet firewalld");
    }

    [Fact]
    public void A_port_not_opened_is_blocked_by_the_firewall_on_both_nics_while_ssh_connects()
    {
        var h = _lab1.Host;
        using var ssh = _lab1.Ssh();
        ssh.Run("systemctl stop t8025.service 2>/dev/null; systemctl reset-failed t8025.service 2>/dev/null; " +
                "systemd-run --unit t8025 --property=WorkingDirectory=/tmp python3 -m http.server 8025 --bind 0.0.0.0");
        // the listener exists and answers locally ...
        ssh.Run("for i in $(seq 50); do ss -Hltn 'sport = :8025' | grep -q 8025 && break; sleep 0.2; done; ss -Hltn 'sport = :8025'")
            .ShouldContain("0.0.0.0:8025");
        ssh.Run("python3 -c \"import urllib.request; print(urllib.request.urlopen('http://127.0.0.1:8025/').status)\"")
            .ShouldBe("200");

        // ... but from the host it is rejected on both addresses, while port 22 connects on both.
        foreach (var address in new[] { h.PubAddress, h.LanAddress })
        {
            TcpConnect(address, 22).ShouldBe(SocketError.Success, $"ssh port on {address}");
            TcpConnect(address, 8025).ShouldBeOneOf(
                new[] { SocketError.HostUnreachable, SocketError.ConnectionRefused }, $"port 8025 on {address}");
        }

        ssh.Run("systemctl stop t8025.service");
    }

    [Fact]
    public void A_cached_package_installs_offline()
    {
        using var ssh = _lab1.Ssh();
        // no default route: the instance cannot reach the internet at all
        ssh.Run("ip route show default").ShouldBeEmpty();
        ssh.Run("DEBIAN_FRONTEND=noninteractive apt-get install -y --no-download swaks >/dev/null && echo ok").ShouldBe("ok");
        ssh.Run("dpkg -s swaks | sed -n 's/^Status: //p'").ShouldBe("install ok installed");
        ssh.Run("command -v swaks").ShouldBe("/usr/bin/swaks");
    }

    [Fact]
    public void Two_instances_answer_over_ssh_on_all_four_addresses_and_reach_each_other()
    {
        foreach (var inst in new[] { _lab1, _lab2 })
        {
            foreach (var address in new[] { inst.Host.PubAddress, inst.Host.LanAddress })
            {
                using var ssh = inst.Ssh(address);
                ssh.Run("hostname -f").ShouldBe(inst.Host.Fqdn, $"hostname via {address}");
                ssh.Run("hostname").ShouldBe("mail");
            }
        }

        // instance to instance over 198.18.0.0/16 (routed by the host), e.g. for mail delivery later
        var probe = $"python3 -c \"import socket; s=socket.create_connection(('{_lab2.Host.PubAddress}', 22), 5); print(s.recv(4).decode())\"";
        _lab1.Run(probe).ShouldBe("SSH-");
    }

    [Fact]
    public void Down_leaves_no_veth_address_or_process_behind()
    {
        var lab3 = lab.Lab3;
        var k = lab3.Host.Index;
        var pid = lab3.NspawnPid;
        // it was really there
        LabInstance.ProcessRuns(pid).ShouldBeTrue();
        HostIp("-o link show").ShouldContain(lab3.PubVeth + "@");
        HostIp("-o -4 addr show").ShouldContain($"198.18.{k}.254/24");

        var run = lab3.Down();
        run.StdOut.ShouldContain("t-lab3 is down");

        LabInstance.ProcessRuns(pid).ShouldBeFalse($"nspawn pid {pid} still runs");
        var links = HostIp("-o link show");
        links.ShouldNotContain(lab3.PubVeth + "@");
        links.ShouldNotContain(lab3.LanVeth + "@");
        var addrs = HostIp("-o -4 addr show");
        addrs.ShouldNotContain($" 198.18.{k}.");
        addrs.ShouldNotContain($" 10.77.{k}.");
        File.ReadAllText(lab3.Host.KnownHosts).ShouldNotContain($"198.18.{k}.2 ");
        Directory.Exists(Path.Combine(LabInstance.LabRoot, "instances", "t-lab3")).ShouldBeFalse();

        // idempotent
        lab3.Down().StdOut.ShouldContain("not running");
    }

    [Fact]
    public void Rsa_key_auth_works_and_a_wrong_host_key_is_refused()
    {
        var h = _lab1.Host;
        using (var rsa = _lab1.Ssh(identityFile: LabInstance.RootRsaKey))
        {
            rsa.Run("whoami").ShouldBe("root");
        }

        using (var ed = _lab1.Ssh(identityFile: LabInstance.RootEd25519Key))
        {
            ed.Run("whoami").ShouldBe("root");
        }

        // the deploy user: key login and passwordless sudo
        using (var deploy = _lab1.Ssh(user: "deploy", identityFile: Path.Combine(LabInstance.KeysDir, "deploy_ed25519")))
        {
            deploy.Run("sudo -n id -u").ShouldBe("0");
        }

        // A known_hosts file with a different (valid) ed25519 key for this address must be refused.
        var wrong = Path.GetTempFileName();
        var empty = Path.GetTempFileName();
        try
        {
            var otherKey = File.ReadAllText(Path.Combine(LabInstance.KeysDir, "deploy_ed25519.pub")).Split(' ');
            File.WriteAllText(wrong, $"{h.PubAddress} {otherKey[0]} {otherKey[1]}\n");
            bool? verdict = null;
            Should.Throw<SshConnectionException>(() =>
            {
                using var _ = LabSsh.Connect(h.PubAddress, 22, "root", h.IdentityFile, wrong, (_, ok) => verdict = ok);
            });
            verdict.ShouldBe(false);

            // no entry at all for the address: refused too
            verdict = null;
            Should.Throw<SshConnectionException>(() =>
            {
                using var _ = LabSsh.Connect(h.PubAddress, 22, "root", h.IdentityFile, empty, (_, ok) => verdict = ok);
            });
            verdict.ShouldBe(false);

            // and the real file is accepted (the verification is not simply refusing everything)
            verdict = null;
            using (LabSsh.Connect(h.PubAddress, 22, "root", h.IdentityFile, h.KnownHosts, (e, ok) =>
                   {
                       e.HostKeyName.ShouldBe("ssh-ed25519");
                       verdict = ok;
                   }))
            {
                verdict.ShouldBe(true);
            }
        }
        finally
        {
            File.Delete(wrong);
            File.Delete(empty);
        }
    }

    private static SocketError TcpConnect(string address, int port)
    {
        using var client = new TcpClient();
        try
        {
            client.ConnectAsync(address, port).Wait(TimeSpan.FromSeconds(5)).ShouldBeTrue($"connect to {address}:{port} timed out (dropped?)");
            return SocketError.Success;
        }
        catch (AggregateException ex) when (ex.InnerException is SocketException se)
        {
            return se.SocketErrorCode;
        }
    }

    private static string HostIp(string args)
    {
        using var p = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("ip")
        {
            Arguments = args,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        p.ExitCode.ShouldBe(0);
        return output;
    }
}
