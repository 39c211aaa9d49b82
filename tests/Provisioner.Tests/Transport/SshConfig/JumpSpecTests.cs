using Provisioner.Transport.SshConfig;

namespace Provisioner.Tests.Transport.SshConfig;

public sealed class JumpSpecTests
{
    [Fact]
    public void A_list_of_hops_with_optional_user_and_port() =>
        JumpSpec.ParseList("admin@bastion:2222,10.0.0.1,[2001:db8::1]:22,ssh://u@h:3").ShouldBe([
            new JumpSpec("admin", "bastion", 2222), new JumpSpec(null, "10.0.0.1", null),
            new JumpSpec(null, "2001:db8::1", 22), new JumpSpec("u", "h", 3)]);

    [Theory]
    [InlineData("host:0")]
    [InlineData("host:x")]
    [InlineData("a,")]
    [InlineData("[::1")]
    public void A_malformed_hop_is_refused(string value) => JumpSpec.ParseList(value).ShouldBeNull();

    [Theory]
    [InlineData("admin@bastion:2222")]
    [InlineData("[2001:db8::1]:22")]
    [InlineData("h")]
    public void Prints_as_written(string hop) => JumpSpec.ParseList(hop)!.Single().ToString().ShouldBe(hop);
}
