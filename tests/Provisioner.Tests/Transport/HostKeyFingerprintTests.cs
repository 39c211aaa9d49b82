using System.Security.Cryptography;
using Provisioner.Transport;

namespace Provisioner.Tests.Transport;

public class HostKeyFingerprintTests
{
    [Fact]
    public void Sha256_is_unpadded_base64_like_ssh_keygen()
    {
        var blob = FakeKeys.Blob();
        var expected = "SHA256:" + Convert.ToBase64String(SHA256.HashData(blob)).TrimEnd('=');
        HostKeyFingerprint.Sha256(blob).ShouldBe(expected);
        HostKeyFingerprint.Sha256(blob).ShouldNotEndWith("=");
    }

    [Theory]
    [InlineData("ssh-ed25519", "ED25519")]
    [InlineData("ssh-rsa", "RSA")]
    [InlineData("ecdsa-sha2-nistp256", "ECDSA")]
    public void Key_type_is_read_from_the_blob(string type, string display)
    {
        var blob = FakeKeys.Blob(type);
        HostKeyFingerprint.TypeOf(blob).ShouldBe(type);
        HostKeyFingerprint.Describe(blob).ShouldStartWith(display + " SHA256:");
    }

    [Fact]
    public void Truncated_blob_has_an_unknown_type() => HostKeyFingerprint.TypeOf([0, 0, 0, 9, 1]).ShouldBe("unknown");

    [Fact]
    public void Unknown_key_message_names_the_fingerprint_and_the_fix()
    {
        var blob = FakeKeys.Blob();
        var c = new HostConnection("mail", "198.18.1.2") { KnownHostsFile = "/tmp/kh", Port = 2222 };
        var message = HostKeyMessages.Unknown(c, blob);
        message.ShouldStartWith("host key for [198.18.1.2]:2222 is not in /tmp/kh (ED25519 " + HostKeyFingerprint.Sha256(blob) + ").");
        message.ShouldContain("--accept-new-host-keys");
        message.ShouldEndWith("ssh-keyscan -t ssh-ed25519 -p 2222 198.18.1.2 >> /tmp/kh");
    }
}
