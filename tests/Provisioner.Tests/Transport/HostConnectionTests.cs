using Provisioner.Transport;

namespace Provisioner.Tests.Transport;

public class HostConnectionTests
{
    private static readonly string Home = Environment.GetEnvironmentVariable("HOME")!;

    [Fact]
    public void Defaults()
    {
        var c = new HostConnection("mail", "198.18.1.2");
        c.Port.ShouldBe(22);
        c.CommandTimeout.ShouldBe(TimeSpan.FromMinutes(10));
        c.KnownHostsFile.ShouldBe(Path.Combine(Home, ".ssh/known_hosts"));
        c.KnownHostsName.ShouldBe("198.18.1.2");
    }

    [Fact]
    public void Tilde_is_expanded_in_paths()
    {
        var c = new HostConnection("mail", "h") { IdentityFile = "~/.ssh/lab", KnownHostsFile = "~/kh" };
        c.IdentityFile.ShouldBe(Path.Combine(Home, ".ssh/lab"));
        c.KnownHostsFile.ShouldBe(Path.Combine(Home, "kh"));
    }

    [Fact]
    public void Become_password_never_appears_in_text()
    {
        var c = new HostConnection("mail", "h") { User = "sudopw", Become = true, BecomePassword = "hunter2" };
        c.ToString().ShouldNotContain("hunter2");
        c.ToString().ShouldBe("mail (sudopw@h:22)");
    }

    [Fact]
    public void Off_port_22_known_hosts_uses_brackets() =>
        new HostConnection("m", "198.18.1.2") { Port = 2200 }.KnownHostsName.ShouldBe("[198.18.1.2]:2200");
}
