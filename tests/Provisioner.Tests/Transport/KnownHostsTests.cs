using System.Security.Cryptography;
using System.Text;
using Provisioner.Transport;

namespace Provisioner.Tests.Transport;

public class KnownHostsTests
{
    private readonly byte[] _key = FakeKeys.Blob();
    private readonly byte[] _other = FakeKeys.Blob();

    private static KnownHosts Parse(params string[] lines) => KnownHosts.Parse("/kh", string.Join('\n', lines));

    [Fact]
    public void Plain_entry_with_a_host_list_is_known_for_each_host()
    {
        var kh = Parse("# comment", "", FakeKeys.Line("mail.example.org,198.18.1.2", _key));
        kh.Check("198.18.1.2", 22, "ssh-ed25519", _key).Status.ShouldBe(HostKeyStatus.Known);
        kh.Check("MAIL.example.org", 22, "ssh-ed25519", _key).Status.ShouldBe(HostKeyStatus.Known);
    }

    [Fact]
    public void Non_default_port_needs_the_bracketed_form()
    {
        var kh = Parse(FakeKeys.Line("[198.18.1.2]:2222", _key));
        kh.Check("198.18.1.2", 2222, "ssh-ed25519", _key).Status.ShouldBe(HostKeyStatus.Known);
        kh.Check("198.18.1.2", 22, "ssh-ed25519", _key).Status.ShouldBe(HostKeyStatus.Unknown);
    }

    [Fact]
    public void Port_22_entry_does_not_cover_other_ports() =>
        Parse(FakeKeys.Line("198.18.1.2", _key)).Check("198.18.1.2", 2222, "ssh-ed25519", _key).Status.ShouldBe(HostKeyStatus.Unknown);

    [Theory]
    [InlineData("198.18.1.2", 22)]
    [InlineData("[198.18.1.2]:2222", 2222)]
    public void Hashed_entries_match_like_ssh_keygen_H_writes_them(string name, int port)
    {
        // |1|base64(salt)|base64(HMAC-SHA1(key=salt, data=hostname)), computed here independently.
        var salt = RandomNumberGenerator.GetBytes(20);
        var hash = HMACSHA1.HashData(salt, Encoding.ASCII.GetBytes(name));
        var pattern = $"|1|{Convert.ToBase64String(salt)}|{Convert.ToBase64String(hash)}";
        var kh = Parse(FakeKeys.Line(pattern, _key));

        kh.Check("198.18.1.2", port, "ssh-ed25519", _key).Status.ShouldBe(HostKeyStatus.Known);
        kh.Check("198.18.1.3", port, "ssh-ed25519", _key).Status.ShouldBe(HostKeyStatus.Unknown);
        KnownHostsPattern.Hash(name, salt).ShouldBe(pattern);
    }

    [Fact]
    public void Unknown_host_is_unknown() =>
        Parse(FakeKeys.Line("198.18.1.2", _key)).Check("198.18.9.2", 22, "ssh-ed25519", _key).Status.ShouldBe(HostKeyStatus.Unknown);

    [Fact]
    public void Missing_file_means_every_host_is_unknown() =>
        KnownHosts.Load("/nonexistent/known_hosts").Check("h", 22, "ssh-ed25519", _key).Status.ShouldBe(HostKeyStatus.Unknown);

    [Fact]
    public void Another_key_for_the_host_is_a_change_naming_the_trusted_fingerprint()
    {
        var verdict = Parse("# first line", FakeKeys.Line("198.18.1.2", _other)).Check("198.18.1.2", 22, "ssh-ed25519", _key);
        verdict.Status.ShouldBe(HostKeyStatus.Changed);
        verdict.ExpectedFingerprint.ShouldBe(HostKeyFingerprint.Sha256(_other));
        verdict.ExpectedLine.ShouldBe(2);
    }

    [Fact]
    public void A_key_of_another_type_for_a_known_host_is_a_change_not_a_new_key()
    {
        var rsa = FakeKeys.Blob("ssh-rsa");
        Parse(FakeKeys.Line("198.18.1.2", _key)).Check("198.18.1.2", 22, "ssh-rsa", rsa).Status.ShouldBe(HostKeyStatus.Changed);
    }

    [Fact]
    public void Any_matching_line_trusts_the_key() =>
        Parse(FakeKeys.Line("198.18.1.2", _other), FakeKeys.Line("198.18.1.2", _key))
            .Check("198.18.1.2", 22, "ssh-ed25519", _key).Status.ShouldBe(HostKeyStatus.Known);

    [Fact]
    public void Revoked_key_is_refused_even_when_another_line_trusts_it() =>
        Parse(FakeKeys.Line("198.18.1.2", _key), "@revoked * ssh-ed25519 " + Convert.ToBase64String(_key))
            .Check("198.18.1.2", 22, "ssh-ed25519", _key).Status.ShouldBe(HostKeyStatus.Revoked);

    [Fact]
    public void Cert_authority_lines_are_ignored() =>
        Parse("@cert-authority * ssh-ed25519 " + Convert.ToBase64String(_key))
            .Check("198.18.1.2", 22, "ssh-ed25519", _key).Status.ShouldBe(HostKeyStatus.Unknown);

    [Fact]
    public void Wildcards_and_negation_follow_openssh()
    {
        var kh = Parse(FakeKeys.Line("198.18.*,!198.18.5.2", _key));
        kh.Check("198.18.1.2", 22, "ssh-ed25519", _key).Status.ShouldBe(HostKeyStatus.Known);
        kh.Check("198.18.5.2", 22, "ssh-ed25519", _key).Status.ShouldBe(HostKeyStatus.Unknown);
    }

    [Fact]
    public void Malformed_lines_are_skipped() =>
        Parse("garbage", "host ssh-ed25519 not_base64!!", FakeKeys.Line("198.18.1.2", _key))
            .Check("198.18.1.2", 22, "ssh-ed25519", _key).Status.ShouldBe(HostKeyStatus.Known);

    [Fact]
    public void Append_creates_a_private_file_with_a_plain_line_that_is_then_known()
    {
        var dir = Directory.CreateTempSubdirectory("kh-");
        try
        {
            var path = Path.Combine(dir.FullName, "ssh", "known_hosts");
            var appended = KnownHosts.Load(path).Append("198.18.1.2", 2222, "ssh-ed25519", _key);

            File.ReadAllText(path).ShouldBe($"[198.18.1.2]:2222 ssh-ed25519 {Convert.ToBase64String(_key)}\n");
            File.GetUnixFileMode(path).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            appended.Check("198.18.1.2", 2222, "ssh-ed25519", _key).Status.ShouldBe(HostKeyStatus.Known);
            KnownHosts.Load(path).Check("198.18.1.2", 2222, "ssh-ed25519", _key).Status.ShouldBe(HostKeyStatus.Known);
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public void Append_keeps_existing_lines_and_ends_an_unterminated_last_line()
    {
        var dir = Directory.CreateTempSubdirectory("kh-");
        try
        {
            var path = Path.Combine(dir.FullName, "known_hosts");
            File.WriteAllText(path, FakeKeys.Line("old.example", _other));
            KnownHosts.Load(path).Append("198.18.1.2", 22, "ssh-ed25519", _key);

            var lines = File.ReadAllLines(path);
            lines.Length.ShouldBe(2);
            lines[1].ShouldBe($"198.18.1.2 ssh-ed25519 {Convert.ToBase64String(_key)}");
            KnownHosts.Load(path).Check("old.example", 22, "ssh-ed25519", _other).Status.ShouldBe(HostKeyStatus.Known);
        }
        finally { dir.Delete(true); }
    }
}
