using Provisioner.Execution;
using Provisioner.Modules;
using Provisioner.Playbooks;
using Provisioner.Probes;
using Provisioner.Tests.Variables;
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

    /// <summary>
    /// Postfix re-reads a main.cf changed within the last second until it "cools down", so every
    /// postconf read right after a fresh copy waited about 1.5 s (measured: the first apply's next
    /// postconf read). The copy of the packaged main.cf keeps the packaged file's date.
    /// </summary>
    [Fact]
    public void The_base_main_cf_copy_keeps_the_packaged_files_date()
    {
        var d = new Diagnostics();
        var playbook = PlaybookParser.Parse(Repo("playbooks/site.yml"), ModuleRegistry.Default, ProbeRegistry.Default, d);
        var task = playbook!.Plays.SelectMany(p => p.Stages).SelectMany(s => s.Tasks).Single(t => t.Name.StartsWith("a base main.cf on Debian", StringComparison.Ordinal));
        const string packaged = "/usr/share/postfix/main.cf.debian", target = "/etc/postfix/main.cf";
        var cmd = ((ScalarNode)task.Args.Get("cmd")!).Value;
        cmd.ShouldContain(packaged);
        cmd.ShouldContain(target);

        using var dir = new TempDir();
        var source = Path.Combine(dir.Path, "main.cf.debian");
        File.WriteAllText(source, "# packaged\n");
        var packagedDate = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(source, packagedDate);
        var copy = Path.Combine(dir.Path, "main.cf");
        var run = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("sh", ["-c", cmd.Replace(packaged, source).Replace(target, copy)]))!;
        run.WaitForExit();
        run.ExitCode.ShouldBe(0);
        File.GetLastWriteTimeUtc(copy).ShouldBe(packagedDate);
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

    /// <summary>
    /// Issue 26, item 3: play vars_files beat the inventory (Ansible's order), so site.yml's own values
    /// are defaults (defaults_files), below the inventory: the lab's group vars (tests/lab/lab-vars.yml,
    /// as `tests/lab/lab inventory` writes them) still win over vars/mail.yml, and -e over both.
    /// </summary>
    [Fact]
    public void The_lab_inventory_and_e_override_site_yml_defaults()
    {
        using var dir = new TempDir();
        var labVars = string.Concat(File.ReadAllLines(Repo("tests/lab/lab-vars.yml")).Where(l => !l.StartsWith('#')).Select(l => $"        {l}\n"));
        var inventory = dir.Write("lab.yml", $"all:\n  children:\n    lab:\n      vars:\n{labVars}      hosts:\n        t-mail:\n          blocked_client_cidr: 198.18.9.240/28\n          blocked_client_address: 198.18.9.254\n          domain: t-mail.test\n");
        var d = new Diagnostics();
        var playbook = PlaybookParser.Parse(Repo("playbooks/site.yml"), ModuleRegistry.Default, ProbeRegistry.Default, d)!;
        var inv = Provisioner.Inventories.InventoryLoader.Load(inventory, d)!;
        var play = playbook.Plays[0];
        var builder = new HostVarsBuilder(inv, ExtraVars.Layers([], ["sieve_forward_user=someone"], d), new Templating.SecretSet());
        var vars = builder.Build(inv.FindHost("t-mail")!, PlayLayers.Load(play, playbook.BaseDirectory, d), d, PlayLayers.LoadDefaults(play, playbook.BaseDirectory, d));
        d.Items.ShouldBeEmpty();

        ((IReadOnlyList<object?>)vars.Values["mail_users"]!).Count.ShouldBe(2);
        vars.Values["client_reject_cidrs"].ShouldBe(new List<object?> { "{{ blocked_client_cidr }}" });
        vars.Values["probe_blocked_client"].ShouldBe("{{ blocked_client_address }}");
        vars.Values["mail_owner"].ShouldBe("owner");
        vars.Values["sieve_forward_user"].ShouldBe("someone");
    }
}
