using Provisioner.Modules;
using static Provisioner.Tests.ModuleTests.ModuleTestKit;

namespace Provisioner.Tests.ModuleTests;

public class CommandModuleTests
{
    private readonly CommandModule _module = new();

    [Fact]
    public void Argv_is_quoted_by_construction()
    {
        var args = Bind<CommandArgs>(_module, "argv: [echo, \"it's; rm -rf /\"]");
        Commands(_module.Plan(args, new CommandGuard(false, false))).ShouldBe(["echo 'it'\\''s; rm -rf /'"]);
    }

    [Fact]
    public void Creates_guard_skips_the_command()
    {
        var args = Bind<CommandArgs>(_module, "cmd: make install\ncreates: /usr/local/bin/app");
        _module.Plan(args, new CommandGuard(true, false)).IsEmpty.ShouldBeTrue();
        _module.Converges(args).ShouldBeTrue();
    }

    [Fact]
    public void Unguarded_command_always_runs_and_is_not_reread()
    {
        var args = Bind<CommandArgs>(_module, "cmd: newaliases");
        _module.Plan(args, new CommandGuard(false, false)).Steps.Count.ShouldBe(1);
        _module.Converges(args).ShouldBeFalse();
    }

    [Fact]
    public void Chdir_is_quoted()
    {
        var args = Bind<CommandArgs>(_module, "cmd: ls\nchdir: /tmp/a b");
        args.Command.Render().ShouldBe("cd '/tmp/a b' && ls");
    }
}
