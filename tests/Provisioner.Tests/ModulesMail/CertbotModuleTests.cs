using System.Text;
using Provisioner.Journal;
using Provisioner.Modules;
using Provisioner.Modules.Certbot;
using Provisioner.Modules.Files;
using static Provisioner.Tests.ModuleTests.ModuleTestKit;

namespace Provisioner.Tests.ModulesMail;

public class CertbotModuleTests
{
    private readonly CertbotModule _module = new();

    private const string Args = """
        domains: [mail.example.jp, example.jp]
        email: admin@example.jp
        deploy_hook: { name: 50-mail-reload, reload: [postfix, dovecot], check: true }
        timer: true
        """;

    private static CertInfo Valid(long days = 80) => new("Feb 25 18:14:03 2027 GMT", days, ["mail.example.jp", "example.jp"]);

    private static readonly HashSet<string> AllHookDirs = ["/etc/letsencrypt/renewal-hooks/deploy", "/etc/letsencrypt/renewal-hooks/pre", "/etc/letsencrypt/renewal-hooks/post"];

    private static CertbotState State(CertInfo? cert, FileState? hook = null, bool timerOn = true, params FileState[] more) =>
        new(cert, [hook ?? FileState.Absent, .. more], AllHookDirs, true, timerOn, timerOn);

    private static FileState HookFile(string content, string mode = "0755") =>
        new(FileKind.File, mode, "root", "root", null, Encoding.UTF8.GetBytes(content), content.Length);

    [Fact]
    public void Missing_certificate_is_issued_with_exact_argv()
    {
        var args = Bind<CertbotArgs>(_module, "domains: [mail.example.jp, example.jp]\nemail: admin@example.jp\nstaging: true");
        Commands(_module.Plan(args, State(null))).ShouldBe([
            "certbot certonly --non-interactive --agree-tos -m admin@example.jp --cert-name mail.example.jp --standalone -d mail.example.jp -d example.jp --staging --keep-until-expiring"]);
    }

    [Fact]
    public void Another_acme_server_is_named_with_server_and_an_empty_one_means_lets_encrypt()
    {
        var args = Bind<CertbotArgs>(_module, "domains: [mail.example.jp]\nserver: https://acme.example.net/dir");
        Commands(_module.Plan(args, State(null))).ShouldBe([
            "certbot certonly --non-interactive --agree-tos --register-unsafely-without-email --cert-name mail.example.jp --standalone -d mail.example.jp --server https://acme.example.net/dir --keep-until-expiring"]);
        var lets = Bind<CertbotArgs>(_module, "domains: [mail.example.jp]\nserver: ''");
        Commands(_module.Plan(lets, State(null))).Single().ShouldNotContain("--server");
        BindErrors(_module, "domains: [mail.example.jp]\nserver: http://acme.example.net/dir").Single().ToString()
            .ShouldContain("server must be an https:// URL");
    }

    [Fact]
    public void Webroot_cert_name_and_no_email()
    {
        var args = Bind<CertbotArgs>(_module, "domains: [mail.example.jp]\ncert_name: mail\nmethod: webroot\nwebroot_path: /var/www/acme");
        Commands(_module.Plan(args, State(null))).ShouldBe([
            "certbot certonly --non-interactive --agree-tos --register-unsafely-without-email --cert-name mail --webroot -w /var/www/acme -d mail.example.jp --keep-until-expiring"]);
    }

    [Fact]
    public void Expiring_or_lacking_a_domain_reissues_valid_does_not()
    {
        var args = Bind<CertbotArgs>(_module, "domains: [mail.example.jp, example.jp]\nmin_days: 40");
        CertbotCommand.Reason(args, Valid(80)).ShouldBeNull();
        CertbotCommand.Reason(args, Valid(39)).ShouldBe("expires in 39 days (min_days 40)");
        Commands(_module.Plan(args, State(Valid(39)))).Single().ShouldEndWith("-d example.jp --force-renewal");
        CertbotCommand.Reason(args, Valid() with { Sans = ["mail.example.jp"] }).ShouldBe("lacks example.jp");
        _module.Plan(args, State(Valid())).IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void Hook_script_acts_only_for_the_certificates_domains_and_checks_before_reload()
    {
        var args = Bind<CertbotArgs>(_module, Args);
        DeployHook.Script(args.DeployHook!, args.Domains).ShouldBe("""
            #!/bin/sh
            # Managed by provision: reload services after certbot renews mail.example.jp.
            set -e
            case " $RENEWED_DOMAINS " in
              *' mail.example.jp '*|*' example.jp '*) ;;
              *) exit 0 ;;
            esac
            rc=0
            { postfix check && systemctl reload postfix; } || rc=1
            { doveconf -n >/dev/null && systemctl reload dovecot; } || rc=1
            exit $rc

            """);
        var unchecked_ = Bind<CertbotArgs>(_module, "domains: [a.example]\ndeploy_hook: { name: 10-x, reload: [nginx, postfix], check: false }");
        DeployHook.Script(unchecked_.DeployHook!, unchecked_.Domains).ShouldContain("systemctl reload nginx || rc=1\nsystemctl reload postfix || rc=1\n");
    }

    [Fact]
    public void Hook_and_timer_planned_until_in_place()
    {
        var args = Bind<CertbotArgs>(_module, Args);
        Commands(_module.Plan(args, State(Valid(), timerOn: false))).ShouldBe([
            "upload /etc/letsencrypt/renewal-hooks/deploy/50-mail-reload mode=0755 owner=root group=root",
            "systemctl enable --now -- certbot.timer"]);
        var script = DeployHook.Script(args.DeployHook!, args.Domains);
        _module.Plan(args, State(Valid(), HookFile(script))).IsEmpty.ShouldBeTrue();
        Commands(_module.Plan(args, State(Valid(), HookFile(script, "0644")))).ShouldBe(["chmod 0755 -- /etc/letsencrypt/renewal-hooks/deploy/50-mail-reload"]);
        Commands(_module.Plan(args, State(Valid()) with { HookDirs = new HashSet<string>() }))[0].ShouldBe("install -d -m 0755 /etc/letsencrypt/renewal-hooks/deploy");
        _module.Journal(args, State(Valid())).ShouldBe([new JournalFile("/etc/letsencrypt"), new JournalFile("/etc/letsencrypt/renewal-hooks/deploy/50-mail-reload"), new JournalUnit("certbot.timer")]);
    }

    [Fact]
    public void Fedora_uses_certbot_renew_timer()
    {
        var args = Bind<CertbotArgs>(_module, Args, FedoraFacts);
        Commands(_module.Plan(args, State(Valid(), timerOn: false))).Last().ShouldBe("systemctl enable --now -- certbot-renew.timer");
        CertbotRead.Command(args.CertName, [args.DeployHook!.Path], args.TimerUnit).ScriptText!.ShouldContain("certbot-renew.timer");
    }

    private const string Hook = "/etc/letsencrypt/renewal-hooks/deploy/provision-reload";

    [Fact]
    public void Parses_the_read_script_output()
    {
        var hook = Convert.ToBase64String(Encoding.UTF8.GetBytes("#!/bin/sh\n"));
        var state = CertbotRead.Parse($"""
            @@ cert
            notafter Feb 25 18:14:03 2027 GMT
            days 89
            DNS:mail.t-cb.test, DNS:t-cb.test, IP Address:198.18.4.2
            @@ timer
            loaded
            enabled
            active
            @@ hookdirs
            /etc/letsencrypt/renewal-hooks/deploy
            @@ hooks
            @@ kinds
            file 
            @@ stat
            755 root root 10 0 0
            @@ links
            @@ content
            {hook}
            @@ digests

            """, [Hook]);
        state.Cert.ShouldBe(new CertInfo("Feb 25 18:14:03 2027 GMT", 89, state.Cert!.Sans));
        state.Cert.Sans.ShouldBe(["mail.t-cb.test", "t-cb.test"]);
        (state.TimerLoaded, state.TimerEnabled, state.TimerActive).ShouldBe((true, true, true));
        state.HookDirs.ShouldBe(["/etc/letsencrypt/renewal-hooks/deploy"]);
        state.Hooks[0].Mode.ShouldBe("0755");
        Encoding.UTF8.GetString(state.Hooks[0].Content!).ShouldBe("#!/bin/sh\n");

        var none = CertbotRead.Parse("@@ cert\n@@ timer\nnot-found\nunknown\ninactive\n@@ hookdirs\n@@ hooks\n@@ kinds\nabsent \n@@ stat\n\n@@ links\n@@ content\n@@ digests\n", [Hook]);
        (none.Cert, none.TimerLoaded, none.HookDirs.Count, none.Hooks[0].Exists).ShouldBe((null, false, 0, false));
        // A hook listing that does not add up gives no hooks: the module reads each alone.
        CertbotRead.Parse("@@ cert\n@@ timer\n@@ hookdirs\n@@ hooks\n@@ kinds\nfile \n@@ stat\n", [Hook]).Hooks.ShouldBeEmpty();
    }

    [Fact]
    public void Standalone_issuance_and_renewals_open_port_80_in_the_zones_only_while_certbot_runs()
    {
        var args = Bind<CertbotArgs>(_module, "domains: [mail.example.jp]\nhttp_zones: [public]");
        args.Hooks.Select(h => h.Path).ShouldBe(["/etc/letsencrypt/renewal-hooks/pre/50-provision-http", "/etc/letsencrypt/renewal-hooks/post/50-provision-http"]);
        args.Hooks[0].Content.ShouldContain("firewall-cmd -q --zone=\"$z\" --add-service=http && touch \"$m-$z\"");
        args.Hooks[1].Content.ShouldContain("if [ -e \"$m-$z\" ]; then\n    firewall-cmd -q --zone=\"$z\" --remove-service=http");
        args.Hooks[0].Content.ShouldNotContain("--permanent");
        // Hooks before the issuance, which runs them around certbot (directory hooks run only on renew).
        var commands = Commands(_module.Plan(args, State(null, FileState.Absent, true, FileState.Absent)));
        commands.Take(2).ShouldBe([
            "upload /etc/letsencrypt/renewal-hooks/pre/50-provision-http mode=0755 owner=root group=root",
            "upload /etc/letsencrypt/renewal-hooks/post/50-provision-http mode=0755 owner=root group=root"]);
        // around-hooks.sh runs the post hook even when certbot fails, and exits with certbot's status.
        commands[2].ShouldStartWith("set -- /etc/letsencrypt/renewal-hooks/pre/50-provision-http /etc/letsencrypt/renewal-hooks/post/50-provision-http " +
            "certbot certonly --non-interactive --agree-tos --register-unsafely-without-email --cert-name mail.example.jp --standalone -d mail.example.jp --keep-until-expiring\n");
        _module.Journal(args, null).ShouldContain(new JournalFile("/etc/letsencrypt"));
        BindErrors(_module, "domains: [a.example]\nmethod: webroot\nwebroot_path: /var/www\nhttp_zones: [public]").ShouldHaveSingleItem().Message.ShouldContain("method: standalone");
        BindErrors(_module, "domains: [a.example]\nhttp_zones: ['pub lic']").ShouldHaveSingleItem();
    }

    [Fact]
    public void Bad_arguments_are_refused_at_bind()
    {
        BindErrors(_module, "domains: ['a b']").ShouldNotBeEmpty();
        BindErrors(_module, "domains: [a.example]\nmethod: webroot").Count.ShouldBe(1);
        BindErrors(_module, "domains: [a.example]\ndeploy_hook: { name: ../x, reload: ['a;b'] }").Count.ShouldBe(2);
        BindErrors(_module, "domains: [a.example]\nmin_days: 120").Count.ShouldBe(1);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void Around_hooks_runs_the_post_hook_even_when_the_command_fails_and_exits_with_its_status(int status)
    {
        var dir = Directory.CreateTempSubdirectory("around-hooks-").FullName;
        try
        {
            var log = Path.Combine(dir, "log");
            File.WriteAllText(Path.Combine(dir, "pre"), $"echo pre >> '{log}'\n");
            File.WriteAllText(Path.Combine(dir, "post"), $"echo post >> '{log}'\n");
            File.WriteAllText(Path.Combine(dir, "around-hooks.sh"), Provisioner.Transport.HostScript.Load("around-hooks.sh").Body);
            var psi = new System.Diagnostics.ProcessStartInfo("sh") { WorkingDirectory = dir };
            foreach (var a in new[] { "around-hooks.sh", "pre", "post", "sh", "-c", $"echo 'command ran' >> '{log}'; exit {status}" }) psi.ArgumentList.Add(a);
            using var p = System.Diagnostics.Process.Start(psi)!;
            p.WaitForExit(30_000).ShouldBeTrue();
            p.ExitCode.ShouldBe(status);
            File.ReadAllLines(log).ShouldBe(["pre", "command ran", "post"]);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
