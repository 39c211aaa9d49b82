using Provisioner.Modules;
using Provisioner.Playbooks;
using Provisioner.Probes;
using Provisioner.Variables;
using Provisioner.Yaml;

namespace Provisioner.Tests.Playbooks;

/// <summary>The repository's own playbook and example inventory, as the README tells a user to use them.</summary>
public class SitePlaybookTests
{
    private static string Repo(string relative) => Fixture.Path(Path.Combine("..", "..", "..", relative));

    [Fact]
    public void Site_yml_validates_against_a_copy_of_the_fedora_example_beside_what_inventory_holds()
    {
        // README: copy inventory/fedora.example.yml to inventory/mine.yml. Whatever else the
        // repository keeps in inventory/ (group_vars, host_vars) comes along with the copy.
        using var dir = new TempDir();
        var inventory = Path.Combine(dir.Path, "inventory");
        foreach (var file in Directory.GetFiles(Repo("inventory"), "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(inventory, Path.GetRelativePath(Repo("inventory"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        var mine = Path.Combine(inventory, "mine.yml");
        File.Copy(Repo("inventory/fedora.example.yml"), mine);
        // README: the passwords go in the user's own *.secret.yml, passed with --vars-file.
        var secrets = Path.Combine(dir.Path, "mine.secret.yml");
        File.WriteAllText(secrets, "owner_password: a-long-owner-secret\nprobe_password: a-long-probe-secret\n");
        File.SetUnixFileMode(secrets, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var layers = ExtraVars.Layers([secrets], [], new Diagnostics());

        var (playbook, parsed, diagnostics) = PlaybookValidator.Validate(Repo("playbooks/site.yml"), [mine], layers, ModuleRegistry.Default, ProbeRegistry.Default);
        diagnostics.Select(d => d.ToString()).ShouldBeEmpty();
        playbook!.Plays.SelectMany(p => p.Stages).Count().ShouldBe(8);
        parsed!.Hosts.Select(h => h.Name).ShouldBe(["mail1"]);
    }

    [Fact]
    public void Without_the_users_own_passwords_site_yml_is_invalid_and_says_where_to_put_them()
    {
        // No published password may reach a real server: site.yml has no defaults for them.
        var (_, _, diagnostics) = PlaybookValidator.Validate(Repo("playbooks/site.yml"), [Repo("inventory/fedora.example.yml")], [], ModuleRegistry.Default, ProbeRegistry.Default);
        var messages = diagnostics.Select(d => d.ToString()).ToList();
        messages.ShouldContain(m => m.Contains("required variable 'owner_password' is not defined") && m.Contains("*.secret.yml") && m.Contains("--vars-file"));
        messages.ShouldContain(m => m.Contains("required variable 'probe_password' is not defined") && m.Contains("--vars-file"));
        messages.ShouldNotContain(m => m.Contains("sieve_forward_to"));
    }
}
