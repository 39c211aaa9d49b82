using Provisioner.Tests.Playbooks;
using Provisioner.Vault;
using Provisioner.Yaml;

namespace Provisioner.Tests.VaultTests;

/// <summary>
/// Issue 26: a vault password script whose name ends in "-client" is asked for one vault id's password
/// with --vault-id ID, as ansible-core's ClientScriptVaultSecret asks it.
/// </summary>
public sealed class VaultClientScriptTests : IDisposable
{
    private const string Password = "s3cret-client-pw";
    private readonly TempDir _dir = new();
    public void Dispose() => _dir.Dispose();

    private string ArgsFile => Path.Combine(_dir.Path, "args");

    /// <summary>A script that writes how many arguments it got and each one, a line each, then the password.</summary>
    private string Script(string name, string tail = $"echo {Password}")
    {
        var path = _dir.Write(name, $"#!/bin/sh\necho \"$#\" > '{ArgsFile}'\nfor a in \"$@\"; do echo \"$a\" >> '{ArgsFile}'; done\n{tail}\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private string[] Arguments() => File.ReadAllLines(ArgsFile);

    [Theory]
    [InlineData("vault-pass-client.py", true)]
    [InlineData("foo-client", true)]
    [InlineData("foo-client.sh", true)]
    [InlineData("/etc/keys/foo-client.rb", true)]
    [InlineData(".hidden-client", true)] // Python's splitext: a leading dot starts no extension
    [InlineData("-client", true)]
    [InlineData("foo-client.tar.gz", false)] // only the last extension goes
    [InlineData("foo-clients", false)]
    [InlineData("client.sh", false)]
    [InlineData("foo_client.sh", false)]
    [InlineData("foo.client", false)]
    [InlineData("/opt/pw-client/pass.sh", false)]
    public void A_client_is_a_script_whose_name_without_its_extension_ends_in_dash_client(string path, bool client) =>
        VaultClientScript.IsClient(path).ShouldBe(client);

    [Fact]
    public void A_client_script_is_asked_with_vault_id_and_the_id_as_two_arguments()
    {
        var d = new Diagnostics();

        VaultScript.Run(Script("pw-client.sh"), SourceSpan.CommandLine("--vault-id"), d, "dev").ShouldBe(Password);

        d.ShouldBeEmpty();
        Arguments().ShouldBe(["2", "--vault-id", "dev"]);
    }

    [Fact]
    public void The_id_reaches_the_script_as_one_argument_never_through_a_shell()
    {
        var d = new Diagnostics();
        var id = $"a b;touch {_dir.Path}/hacked";

        VaultScript.Run(Script("pw-client.sh"), SourceSpan.CommandLine("--vault-id"), d, id).ShouldBe(Password);

        Arguments().ShouldBe(["2", "--vault-id", id]);
        File.Exists(Path.Combine(_dir.Path, "hacked")).ShouldBeFalse();
    }

    [Fact]
    public void A_script_not_named_as_a_client_gets_no_arguments_whatever_the_id()
    {
        var d = new Diagnostics();

        VaultScript.Run(Script("pw.sh"), SourceSpan.CommandLine("--vault-id"), d, "dev").ShouldBe(Password);

        Arguments().ShouldBe(["0"]);
    }

    [Fact]
    public void Exit_2_from_a_client_says_it_has_no_password_for_that_id_without_its_output()
    {
        var d = new Diagnostics();
        var script = Script("pw-client.sh", $"echo {Password}; echo \"no secret for $2 (not {Password})\" >&2; exit 2");

        VaultScript.Run(script, SourceSpan.CommandLine("--vault-id dev@pw-client.sh"), d, "dev").ShouldBeNull();

        d.Single().ToString().ShouldBe("--vault-id dev@pw-client.sh: the vault password client script has no password for vault id 'dev' " +
            "(it exited 2, a client script's answer for an unknown vault id) — store a password for 'dev' where the script looks, " +
            "or give the id it knows: --vault-id ID@FILE (--vault-password-file and vault_password_file ask for 'default')");
    }

    [Fact]
    public void Exit_2_from_a_script_that_is_no_client_is_a_plain_failure()
    {
        var d = new Diagnostics();

        VaultScript.Run(Script("pw.sh", "exit 2"), SourceSpan.CommandLine("--vault-password-file pw.sh"), d, "default").ShouldBeNull();

        d.Single().ToString().ShouldBe("--vault-password-file pw.sh: the vault password script failed (exit 2) — run it by hand to see why");
    }

    [Fact]
    public void Password_files_ask_a_client_for_default_and_vault_ids_for_their_id_as_ansible_does()
    {
        var client = Script("pw-client.sh");
        string[] Asked(IReadOnlyList<string> files, IReadOnlyList<string> ids, string? environment = null, VaultPasswordSources.ConfigSources? config = null)
        {
            var d = new Diagnostics();
            VaultPasswordSources.Load(files, ids, false, environment, (_, _, _) => null, d, config);
            d.ShouldBeEmpty();
            return Arguments();
        }
        var at = new SourceSpan("ansible.cfg", 2, 1);

        Asked([client], []).ShouldBe(["2", "--vault-id", "default"]);
        Asked([], [], environment: client).ShouldBe(["2", "--vault-id", "default"]);
        Asked([], [], config: new(client, at, [], SourceSpan.None)).ShouldBe(["2", "--vault-id", "default"]);
        Asked([], [$"prod@{client}"]).ShouldBe(["2", "--vault-id", "prod"]);
        Asked([], [], config: new(null, SourceSpan.None, [$"stage@{client}"], at)).ShouldBe(["2", "--vault-id", "stage"]);
        // ansible-core passes --vault-id only when it has one: --vault-id FILE names none.
        Asked([], [client]).ShouldBe(["0"]);
    }
}
