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

    private static CertbotState State(CertInfo? cert, FileState? hook = null, bool timerOn = true) =>
        new(cert, hook ?? FileState.Absent, true, true, timerOn, timerOn);

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
        Commands(_module.Plan(args, State(Valid()) with { HookDirExists = false }))[0].ShouldBe("install -d -m 0755 /etc/letsencrypt/renewal-hooks/deploy");
        _module.Journal(args, State(Valid())).ShouldBe([new JournalFile("/etc/letsencrypt"), new JournalFile("/etc/letsencrypt/renewal-hooks/deploy/50-mail-reload"), new JournalUnit("certbot.timer")]);
    }

    [Fact]
    public void Fedora_uses_certbot_renew_timer()
    {
        var args = Bind<CertbotArgs>(_module, Args, FedoraFacts);
        Commands(_module.Plan(args, State(Valid(), timerOn: false))).Last().ShouldBe("systemctl enable --now -- certbot-renew.timer");
        CertbotRead.Command(args.CertName, args.DeployHook!.Path, args.TimerUnit).ScriptText!.ShouldContain("certbot-renew.timer");
    }

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
            @@ hookdir
            hookdir
            @@ hook
            file
            755 root root 10
            {hook}

            """);
        state.Cert.ShouldBe(new CertInfo("Feb 25 18:14:03 2027 GMT", 89, state.Cert!.Sans));
        state.Cert.Sans.ShouldBe(["mail.t-cb.test", "t-cb.test"]);
        (state.TimerLoaded, state.TimerEnabled, state.TimerActive, state.HookDirExists).ShouldBe((true, true, true, true));
        state.Hook.Mode.ShouldBe("0755");
        Encoding.UTF8.GetString(state.Hook.Content!).ShouldBe("#!/bin/sh\n");

        var none = CertbotRead.Parse("@@ cert\n@@ timer\nnot-found\nunknown\ninactive\n@@ hookdir\n@@ hook\nabsent\n");
        (none.Cert, none.TimerLoaded, none.HookDirExists, none.Hook.Exists).ShouldBe((null, false, false, false));
    }

    [Fact]
    public void Bad_arguments_are_refused_at_bind()
    {
        BindErrors(_module, "domains: ['a b']").ShouldNotBeEmpty();
        BindErrors(_module, "domains: [a.example]\nmethod: webroot").Count.ShouldBe(1);
        BindErrors(_module, "domains: [a.example]\ndeploy_hook: { name: ../x, reload: ['a;b'] }").Count.ShouldBe(2);
        BindErrors(_module, "domains: [a.example]\nmin_days: 120").Count.ShouldBe(1);
    }
}
