using Provisioner.Modules;
using Provisioner.Modules.Users;
using Provisioner.Tests.Transport;
using Provisioner.Transport;
using static Provisioner.Tests.ModuleTests.ModuleTestKit;

namespace Provisioner.Tests.ModuleTests;

/// <summary>
/// user-read.sh run by a real /bin/sh with the real openssl and perl against a stand-in getent and id
/// (accounts whose /etc/shadow hashes are SHA-512, SHA-256, MD5 and yescrypt of "pw", a locked one, one
/// without a hash): the account's sections and the password check, and the processes it starts — the
/// fields are taken apart by the shell, so a read with a password is five processes, not twenty.
/// </summary>
public sealed class UserReadScriptTests : IDisposable
{
    private readonly StandInTools _tools = new();
    private string Ran => Path.Combine(_tools.Dir, "ran");

    public UserReadScriptTests()
    {
        string Hash(string how) => LocalShell.Run(how).Stdout.Trim();
        var shadow = new Dictionary<string, string>
        {
            ["alice"] = Hash("openssl passwd -6 -salt abcdefgh pw"),
            ["five"] = Hash("openssl passwd -5 -salt abcdefgh pw"),
            ["one"] = Hash("openssl passwd -1 -salt abcdefgh pw"),
            ["yes"] = Hash("perl -e 'print crypt(\"pw\", q($y$j9T$F5Jx5fExrKuPp53xLKQ..1$))'"),
            ["bob"] = "!",
            ["empty"] = "",
        };
        shadow.Values.Take(4).ShouldAllBe(h => h.StartsWith('$'));
        var cases = string.Concat(shadow.Keys.Select((u, i) =>
            $"  'passwd {u}') echo '{u}:x:{1001 + i}:{(u == "bob" ? 4242 : 1001)}:{u} U:/home/{u}:/bin/sh' ;;\n  'shadow {u}') echo '{u}:{shadow[u]}:19000:0:99999:7:::' ;;\n"));
        _tools.Write("getent", $"echo \"getent $1\" >> {ShellQuote.Quote(Ran)}\ncase \"$1 $2\" in\n{cases}  'group 1001') echo 'staff:x:1001:' ;;\n  *) exit 2 ;;\nesac\n");
        _tools.Write("id", $"echo id >> {ShellQuote.Quote(Ran)}\necho 'staff mail'\n");
        foreach (var tool in new[] { "openssl", "perl", "cut" })
            _tools.Recording(tool, Ran);
    }

    public void Dispose() => _tools.Dispose();

    private (string Stdout, string[] Ran) Read(string user, string? plain = null, string? hash = null)
    {
        var args = Bind<UserArgs>(new UserModule(), $"name: {user}" + (plain is null ? "" : $"\npassword_plain: '{plain}'") + (hash is null ? "" : $"\npassword: '{hash}'"));
        var read = UserReader.Command(args);
        var result = LocalShell.Run($"PATH={ShellQuote.Quote(_tools.Dir)}:$PATH\n" + read.Render(), read.Stdin);
        result.Exit.ShouldBe(0, result.Stderr);
        var ran = File.Exists(Ran) ? File.ReadAllLines(Ran) : [];
        File.Delete(Ran);
        return (result.Stdout, ran);
    }

    [Theory]
    [InlineData("alice")]
    [InlineData("five")]
    [InlineData("one")]
    [InlineData("yes")]
    public void A_password_is_compared_with_the_hash_by_its_own_method(string user)
    {
        var (stdout, ran) = Read(user, plain: "pw");
        stdout.ShouldBe($"@@ passwd\n{user}:x:{1001 + Array.IndexOf(["alice", "five", "one", "yes"], user)}:1001:{user} U:/home/{user}:/bin/sh\n@@ primary\nstaff\n@@ groups\nstaff mail\n@@ password match\n");
        ran.ShouldBe(["getent passwd", "getent group", "id", "getent shadow", user == "yes" ? "perl" : "openssl"]);
        Read(user, plain: "wrong").Stdout.ShouldEndWith("@@ password differs\n");
    }

    [Fact]
    public void An_openssl_that_fails_leaves_the_password_to_perl()
    {
        // openssl refusing a method (MD5 under FIPS, say) once took the password line from stdin with
        // it, and perl then compared an empty password: "differs", and the password set on every run.
        _tools.Write("openssl", "exit 1\n");
        Read("alice", plain: "pw").Stdout.ShouldEndWith("@@ password match\n");
        Read("alice", plain: "wrong").Stdout.ShouldEndWith("@@ password differs\n");
    }

    [Fact]
    public void A_hash_is_compared_as_it_is_and_no_password_asks_for_no_shadow()
    {
        var hash = LocalShell.Run("openssl passwd -6 -salt abcdefgh pw").Stdout.Trim();
        Read("alice", hash: hash).Stdout.ShouldEndWith("@@ password match\n");
        Read("alice", hash: hash.Replace('K', 'k')).Stdout.ShouldEndWith("@@ password differs\n");
        var (stdout, ran) = Read("alice");
        stdout.ShouldEndWith("@@ groups\nstaff mail\n");
        ran.ShouldBe(["getent passwd", "getent group", "id"]);
    }

    [Fact]
    public void A_locked_account_an_empty_hash_a_missing_group_and_a_missing_account()
    {
        Read("bob", plain: "pw").Stdout.ShouldBe("@@ passwd\nbob:x:1005:4242:bob U:/home/bob:/bin/sh\n@@ primary\n@@ groups\nstaff mail\n@@ password differs\n");
        Read("empty", plain: "").Stdout.ShouldEndWith("@@ password differs\n");
        Read("ghost", plain: "pw").Stdout.ShouldBe("@@ absent\n");
    }
}
