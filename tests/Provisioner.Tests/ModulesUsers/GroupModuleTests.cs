using Provisioner.Journal;
using Provisioner.Modules;
using static Provisioner.Tests.ModuleTests.ModuleTestKit;

namespace Provisioner.Tests.ModuleTests;

public class GroupModuleTests
{
    private readonly GroupModule _module = new();

    [Fact]
    public void Creates_changes_and_removes_groups_with_exact_argv()
    {
        Commands(_module.Plan(Bind<GroupArgs>(_module, "name: vmail\ngid: 5000\nsystem: true"), new GroupState(false, null)))
            .ShouldBe(["groupadd -r -g 5000 -- vmail"]);
        Commands(_module.Plan(Bind<GroupArgs>(_module, "name: vmail\ngid: 5000"), new GroupState(true, 998)))
            .ShouldBe(["groupmod -g 5000 -- vmail"]);
        _module.Plan(Bind<GroupArgs>(_module, "name: vmail\ngid: 5000"), new GroupState(true, 5000)).IsEmpty.ShouldBeTrue();
        _module.Plan(Bind<GroupArgs>(_module, "name: vmail"), new GroupState(true, 998)).IsEmpty.ShouldBeTrue();
        Commands(_module.Plan(Bind<GroupArgs>(_module, "name: vmail\nstate: absent"), new GroupState(true, 998)))
            .ShouldBe(["groupdel -- vmail"]);
        _module.Plan(Bind<GroupArgs>(_module, "name: vmail\nstate: absent"), new GroupState(false, null)).IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void Parses_getent_and_journals_the_group_files()
    {
        GroupModule.Parse("vmail:x:5000:alice,bob\n").ShouldBe(new GroupState(true, 5000));
        GroupModule.Parse("").ShouldBe(new GroupState(false, null));
        var args = Bind<GroupArgs>(_module, "name: vmail");
        _module.Journal(args, new GroupState(false, null)).ShouldBe(AccountFiles.All);
    }
}
