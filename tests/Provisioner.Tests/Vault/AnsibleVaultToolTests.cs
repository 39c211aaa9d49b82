using System.Diagnostics;
using Provisioner.Tests.Playbooks;
using Provisioner.Vault;
using Provisioner.Yaml;

namespace Provisioner.Tests.VaultTests;

/// <summary>
/// Round trips through the real ansible-vault (Debian's ansible-core; tests/run-all installs it,
/// elsewhere these are skipped without it): what it encrypts now, with random content and passwords,
/// provision decrypts.
/// </summary>
public sealed class AnsibleVaultToolTests : IDisposable
{
    private readonly TempDir _dir = new();
    public void Dispose() => _dir.Dispose();

    [AnsibleVaultTheory]
    [InlineData(null, "p")]
    [InlineData("staging", "pass word with spaces and ünïcode")]
    public void Files_encrypted_by_ansible_vault_decrypt(string? id, string password)
    {
        var secret = "v-" + Guid.NewGuid();
        var file = _dir.Write("vars.yml", $"token: \"{secret}\"\nlist: [1, 2]\n");
        var pw = _dir.Write("pw", password + "\n");
        AnsibleVault("encrypt", id is null ? "--vault-password-file" : "--vault-id", id is null ? pw : $"{id}@{pw}", file);
        File.ReadAllText(file).ShouldStartWith(id is null ? "$ANSIBLE_VAULT;1.1;AES256" : $"$ANSIBLE_VAULT;1.2;AES256;{id}");

        var d = new Diagnostics();
        var keys = VaultPasswordSources.Load(id is null ? [pw] : [], id is null ? [] : [$"{id}@{pw}"], false, null, (_, _, _) => null, d);
        var map = YamlLoader.LoadFile(file, d, vault: keys).ShouldBeOfType<MapNode>();
        d.Items.ShouldBeEmpty();
        map.Get("token").ShouldBeOfType<ScalarNode>().Value.ShouldBe(secret);
    }

    [AnsibleVaultFact]
    public void An_executable_password_file_is_run_for_the_password()
    {
        var file = _dir.Write("vars.yml", "a: b\n");
        var pw = _dir.Write("pw", "from-a-script\n");
        AnsibleVault("encrypt", "--vault-password-file", pw, file);
        var script = _dir.Write("pw.sh", "#!/bin/sh\necho from-a-script\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var d = new Diagnostics();
        var keys = VaultPasswordSources.Load([script], [], false, null, (_, _, _) => null, d);
        YamlLoader.LoadFile(file, d, vault: keys).ShouldBeOfType<MapNode>();
        d.Items.ShouldBeEmpty();
    }

    [AnsibleVaultFact]
    public void A_vault_file_with_broken_yaml_inside_is_reported_without_its_content()
    {
        var file = _dir.Write("vars.secret.yml", "db_password: hunter2-in-the-vault\n  other: [\n");
        var pw = _dir.Write("pw", "p\n");
        AnsibleVault("encrypt", "--vault-password-file", pw, file);

        var d = new Diagnostics();
        var keys = VaultPasswordSources.Load([pw], [], false, null, (_, _, _) => null, d);
        YamlLoader.LoadFile(file, d, vault: keys).ShouldBeNull();
        var message = d.ShouldHaveSingleItem().ToString();
        message.ShouldStartWith($"{file}:2:");
        message.ShouldNotContain("hunter2");
    }

    [AnsibleVaultFact]
    public void A_client_script_is_asked_for_the_same_vault_id_as_ansible_vault_asks_it()
    {
        var file = _dir.Write("vars.yml", "a: b\n");
        AnsibleVault("encrypt", "--vault-password-file", _dir.Write("pw", "client-pw\n"), file);
        var args = Path.Combine(_dir.Path, "args");
        var client = _dir.Write("pw-client.sh", $"#!/bin/sh\necho \"$*\" > '{args}'\necho client-pw\n");
        File.SetUnixFileMode(client, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        (string[] Flags, IReadOnlyList<string> Files, IReadOnlyList<string> Ids)[] forms =
        [
            (["--vault-password-file", client], [client], []),
            (["--vault-id", $"dev@{client}"], [], [$"dev@{client}"]),
            (["--vault-id", client], [], [client]),
        ];

        foreach (var (flags, files, ids) in forms)
        {
            AnsibleVault(["view", .. flags, file]);
            var ansible = File.ReadAllText(args);
            var d = new Diagnostics();
            VaultPasswordSources.Load(files, ids, false, null, (_, _, _) => null, d);
            d.Items.ShouldBeEmpty();
            File.ReadAllText(args).ShouldBe(ansible, string.Join(' ', flags));
        }
    }

    private static void AnsibleVault(params string[] args)
    {
        var psi = new ProcessStartInfo("ansible-vault") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        var err = process.StandardError.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.ShouldBe(0, err);
    }
}
