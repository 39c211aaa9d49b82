using Provisioner.Transport.SshConfig;

namespace Provisioner.Tests.Transport.SshConfig;

public sealed class SshClientArgsTests
{
    [Fact]
    public void Reads_config_file_options_and_jumps_in_both_spellings()
    {
        var (args, problem) = SshClientArgs.Parse("-F ~/.ssh/work -o StrictHostKeyChecking=yes -oUser=admin -J bastion:2222 -Jx@y");
        problem.ShouldBeNull();
        args!.ConfigFile.ShouldBe("~/.ssh/work");
        args.Options.ShouldBe(["StrictHostKeyChecking=yes", "User=admin", "ProxyJump=bastion:2222", "ProxyJump=x@y"]);
    }

    [Fact]
    public void The_inventory_config_file_is_kept_unless_F_overrides_it()
    {
        SshClientArgs.Parse("-o Port=2", "/inv/cfg").Args!.ConfigFile.ShouldBe("/inv/cfg");
        SshClientArgs.Parse("-F /other", "/inv/cfg").Args!.ConfigFile.ShouldBe("/other");
    }

    [Theory]
    [InlineData("-C", "'-C' is not supported; provision reads -F FILE, -o OPTION=VALUE and -J JUMPS from it")]
    [InlineData("-o", "'-o' needs a value")]
    [InlineData("-o 'User=x", "a quote is not closed")]
    public void Anything_else_is_a_problem_naming_the_word(string common, string problem) =>
        SshClientArgs.Parse(common).Problem.ShouldBe(problem);

    [Fact]
    public void The_query_is_ssh_G_with_the_file_options_hop_user_port_and_the_host_after_a_double_dash() =>
        SshConfigQuery.Arguments("-host", new SshClientArgs("/cfg", ["ProxyJump=b"]), "u", 2)
            .ShouldBe(["-G", "-F", "/cfg", "-o", "ProxyJump=b", "-l", "u", "-p", "2", "--", "-host"]);
}
