using System.Text;
using Provisioner.Modules;
using Provisioner.Modules.Users;
using Provisioner.Transport;
using static Provisioner.Tests.ModuleTests.ModuleTestKit;

namespace Provisioner.Tests.ModuleTests;

public class UserModuleTests
{
    private readonly UserModule _module = new();

    private static UserState Alice(string shell = "/bin/sh", string groups = "", PasswordCheck password = PasswordCheck.NotAsked) =>
        new(true, 1001, "alice", "1001", groups.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(), "", "/home/alice", shell, password);

    [Fact]
    public void Creates_a_user_with_exact_argv_and_sets_the_password_on_stdin()
    {
        var args = Bind<UserArgs>(_module, "name: alice\nuid: 1500\ngroup: users\ngroups: [mail, adm]\nshell: /bin/bash\ncomment: Alice A\npassword_plain: !secret hunter22");
        var plan = _module.Plan(args, UserState.Absent);
        Commands(plan).ShouldBe([
            "useradd -u 1500 -g users -G mail,adm -s /bin/bash -c 'Alice A' -m -- alice",
            "chpasswd -c SHA512"]);
        var chpasswd = ((CommandStep)plan.Steps[1]).Command;
        chpasswd.SecretStdin.ShouldBeTrue();
        Encoding.UTF8.GetString(chpasswd.Stdin!).ShouldBe("alice:hunter22\n");
        plan.Changes.Select(c => c.Summary).ShouldBe(["user alice: (absent) → present", "user alice password: (absent) → (changed)"]);
        plan.Changes.ShouldAllBe(c => !c.Summary.Contains("hunter22"));
    }

    [Fact]
    public void System_user_without_home()
    {
        var args = Bind<UserArgs>(_module, "name: vmail\nsystem: true\ncreate_home: false\nhome: /var/vmail\nshell: /usr/sbin/nologin");
        Commands(_module.Plan(args, UserState.Absent)).ShouldBe(["useradd -r -d /var/vmail -s /usr/sbin/nologin -M -- vmail"]);
    }

    [Fact]
    public void The_journal_holds_the_home_a_create_makes_and_the_home_a_remove_deletes()
    {
        // useradd also writes the backups and the subordinate id ranges (seen on trixie's shadow 4.17).
        string[] accounts = ["/etc/passwd", "/etc/passwd-", "/etc/shadow", "/etc/shadow-", "/etc/group", "/etc/group-",
            "/etc/gshadow", "/etc/gshadow-", "/etc/subuid", "/etc/subuid-", "/etc/subgid", "/etc/subgid-"];
        IEnumerable<string> Paths(string yaml, UserState? state) => _module.Journal(Bind<UserArgs>(_module, yaml), state)
            .Select(i => i switch { Journal.JournalFile f => f.Path, Journal.JournalNewPath n => "new " + n.Path, _ => i.ToString()! });

        Paths("name: alice", UserState.Absent).ShouldBe([.. accounts, "new /home/alice", "new /var/spool/mail/alice"]);
        Paths("name: alice", null).ShouldBe([.. accounts, "new /home/alice", "new /var/spool/mail/alice"]);
        Paths("name: vmail\nhome: /var/vmail", UserState.Absent).ShouldBe([.. accounts, "new /var/vmail", "new /var/spool/mail/vmail"]);
        Paths("name: vmail\ncreate_home: false", UserState.Absent).ShouldBe(accounts);
        Paths("name: alice\nshell: /bin/bash", Alice()).ShouldBe(accounts);
        Paths("name: alice\nstate: absent\nremove: true", Alice()).ShouldBe([.. accounts, "/home/alice"]);
        Paths("name: alice\nstate: absent", Alice()).ShouldBe(accounts);
        Paths("name: alice\nstate: absent\nremove: true", Alice() with { Home = "/" }).ShouldBe(accounts);
    }

    [Fact]
    public void Modifies_only_what_differs_in_one_usermod()
    {
        var args = Bind<UserArgs>(_module, "name: alice\nshell: /bin/bash\ngroups: [mail, adm]\ngroup: \"1001\"");
        var plan = _module.Plan(args, Alice(groups: "mail,sudo"));
        Commands(plan).ShouldBe(["usermod -s /bin/bash -a -G adm -- alice"]);
        plan.Changes.Select(c => c.Summary).ShouldBe(["user alice shell: /bin/sh → /bin/bash", "user alice groups: mail,sudo → adm,mail,sudo"]);
        _module.Plan(args, Alice("/bin/bash", "mail,adm,sudo")).IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void Append_false_sets_exactly_the_listed_groups()
    {
        var args = Bind<UserArgs>(_module, "name: alice\ngroups: [mail]\nappend: false");
        Commands(_module.Plan(args, Alice(groups: "mail,sudo"))).ShouldBe(["usermod -G mail -- alice"]);
        var none = Bind<UserArgs>(_module, "name: alice\ngroups: []\nappend: false");
        Commands(_module.Plan(none, Alice(groups: "sudo"))).ShouldBe(["usermod -G '' -- alice"]);
    }

    [Fact]
    public void Password_is_set_only_when_the_host_says_it_differs()
    {
        var plain = Bind<UserArgs>(_module, "name: alice\npassword_plain: !secret hunter22");
        _module.Plan(plain, Alice(password: PasswordCheck.Matches)).IsEmpty.ShouldBeTrue();
        var plan = _module.Plan(plain, Alice(password: PasswordCheck.Differs));
        Commands(plan).ShouldBe(["chpasswd -c SHA512"]);
        plan.Changes.Single().Summary.ShouldBe("user alice password: (set) → (changed)");

        var hashed = Bind<UserArgs>(_module, "name: alice\npassword: '$6$salt$abc'");
        var hashPlan = _module.Plan(hashed, Alice(password: PasswordCheck.Differs));
        Commands(hashPlan).ShouldBe(["chpasswd -e"]);
        Encoding.UTF8.GetString(((CommandStep)hashPlan.Steps[0]).Command.Stdin!).ShouldBe("alice:$6$salt$abc\n");
    }

    [Fact]
    public void Read_command_carries_the_password_on_secret_stdin_only()
    {
        var args = Bind<UserArgs>(_module, "name: alice\npassword_plain: !secret hunter22");
        var read = UserReader.Command(args);
        read.ReadOnly.ShouldBeTrue();
        read.SecretStdin.ShouldBeTrue();
        read.Render().ShouldNotContain("hunter22");
        read.Render().ShouldContain("openssl passwd");
        args.ToString().ShouldNotContain("hunter22");
        UserReader.Command(Bind<UserArgs>(_module, "name: alice")).Stdin.ShouldBeNull();
    }

    [Fact]
    public void Parses_the_read_script_output()
    {
        var state = UserReader.Parse("@@ passwd\nalice:x:1001:100:Alice A:/home/alice:/bin/bash\n@@ primary\nusers\n@@ groups\nusers mail adm\n@@ password match\n");
        state.ShouldBe(state with { Exists = true, Uid = 1001, PrimaryGroup = "users", PrimaryGid = "100", Comment = "Alice A", Home = "/home/alice", Shell = "/bin/bash", Password = PasswordCheck.Matches });
        state.Groups.ShouldBe(["mail", "adm"], ignoreOrder: true);
        UserReader.Parse("@@ absent\n").Exists.ShouldBeFalse();
    }

    [Fact]
    public void Absent_removes_the_user_and_the_home_only_when_asked()
    {
        Commands(_module.Plan(Bind<UserArgs>(_module, "name: alice\nstate: absent"), Alice())).ShouldBe(["userdel -- alice"]);
        Commands(_module.Plan(Bind<UserArgs>(_module, "name: alice\nstate: absent\nremove: true"), Alice())).ShouldBe(["userdel -r -- alice"]);
        _module.Plan(Bind<UserArgs>(_module, "name: alice\nstate: absent"), UserState.Absent).IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void Bad_names_and_fields_are_reported()
    {
        BindErrors(_module, "name: -rf").Single().Message.ShouldContain("not a valid account name");
        BindErrors(_module, "name: bob\nshell: \"/bin/sh:x\"").Single().Message.ShouldContain("cannot contain ':'");
        BindErrors(_module, "name: bob\nuid: 70000").Single().Message.ShouldContain("between 0 and 65534");
    }

    [Fact]
    public void Groups_home_and_shell_are_checked_like_every_account_and_path()
    {
        BindErrors(_module, "name: bob\ngroups: [mail, \"bad group\"]").Single().ToString()
            .ShouldBe("test.yml:2:9: 'groups' must be an account name or a numeric id, not 'bad group' — use letters, digits, '_', '.', '-' (up to 32), starting with a letter or '_'");
        BindErrors(_module, "name: bob\nhome: home/bob").Single().Message.ShouldBe("'home' must be an absolute path (starting with '/'), not 'home/bob'");
        BindErrors(_module, "name: bob\nshell: \"/bin/sh\\n\"").Single().Message.ShouldBe("'shell' contains a control character (U+000A) at position 8");
    }
}
