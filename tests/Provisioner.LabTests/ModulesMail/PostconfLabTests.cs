namespace Provisioner.LabTests.ModulesMail;

/// <summary>
/// postconf against a real Postfix (Debian trixie, 3.10): set → no change → change → remove, the
/// submission service with -o options, and bad values refused with main.cf left byte-for-byte intact.
/// Each test starts from the main.cf and master.cf the package installed, so one failure does not
/// hide another.
/// </summary>
public sealed class PostconfLabTests(PostfixLabFixture fx) : IClassFixture<PostfixLabFixture>
{
    private const string Install = """
            - name: postfix installed
              package: { name: postfix }

        """;

    private static string Params(string body) => Install + $$"""
            - name: main.cf
              postconf:
        {{body}}

        """;

    private string Sha() => fx.Lab.Run("sha256sum /etc/postfix/main.cf /etc/postfix/master.cf");

    /// <summary>
    /// Postfix installed, with /etc/postfix as its package left it (Debian's installs no main.cf
    /// until something writes one).
    /// </summary>
    private async Task Pristine()
    {
        var install = await fx.RunAsync("apply", Install);
        install.ExitCode.ShouldBeOneOf([0, 2], install.ToString());
        fx.Lab.Run("""
            set -e
            saved=/var/tmp/pristine-postfix.tar
            [ -e "$saved" ] || tar -C /etc -cpf "$saved" postfix
            rm -rf /etc/postfix
            tar -C /etc -xpf "$saved"
            echo ok
            """).ShouldBe("ok");
    }

    [Fact]
    public async Task Parameters_are_set_left_alone_changed_and_removed()
    {
        await Pristine();
        var set = Params("""
                    params:
                      smtpd_banner: $myhostname ESMTP
                      mynetworks: [127.0.0.0/8, "[::1]/128", 10.77.0.0/16]
                      message_size_limit: 20480000
            """);
        var check = await fx.RunAsync("check", set);
        check.ExitCode.ShouldBe(2, check.ToString());

        var apply = await fx.RunAsync("apply", set);
        apply.ExitCode.ShouldBe(2, apply.ToString());
        apply.Tasks("changed").ShouldContain("main.cf");
        fx.Lab.Run("postconf -h mynetworks").ShouldBe("127.0.0.0/8, [::1]/128, 10.77.0.0/16");
        fx.Lab.Run("postfix check 2>&1 | grep -c warning: || true").ShouldBe("0");

        var again = await fx.RunAsync("apply", set);
        again.ExitCode.ShouldBe(0, again.ToString());
        again.Tasks("changed").ShouldBeEmpty();

        var changed = await fx.RunAsync("apply", Params("""
                    params: { message_size_limit: 30720000 }
            """));
        changed.ExitCode.ShouldBe(2, changed.ToString());
        changed.Tasks("changed").ShouldBe(["main.cf"]);
        fx.Lab.Run("postconf -h message_size_limit").ShouldBe("30720000");

        var removed = await fx.RunAsync("apply", Params("""
                    absent: [message_size_limit]
            """));
        removed.ExitCode.ShouldBe(2, removed.ToString());
        fx.Lab.Run("postconf -n").ShouldNotContain("message_size_limit");
        fx.Lab.Run("postfix check");
    }

    [Fact]
    public async Task Values_postfix_refuses_leave_no_trace()
    {
        await Pristine();
        var valid = await fx.RunAsync("apply", Params("            params: { message_size_limit: 20480000 }"));
        valid.ExitCode.ShouldBe(2, valid.ToString());
        // Refused by `postfix check` itself (fatal, exit 1) and by the warning gate (postconf >= 3.8
        // warns about a trailing "# comment"; exit status stays 0). Neither may leave a trace.
        foreach (var bad in new[] { "message_size_limit: lots", "smtpd_client_restrictions: 'permit_mynetworks # LAN only'" })
        {
            var before = Sha();
            var refused = await fx.RunAsync("apply", Params($"            params: {{ {bad} }}"));
            refused.ExitCode.ShouldBe(1, refused.ToString());
            refused.StdErr.ShouldContain("postconf change refused");
            Sha().ShouldBe(before);
            fx.Lab.Run("ls /etc/postfix/*.provision-bak 2>/dev/null | wc -l").ShouldBe("0");
        }
        fx.Lab.Run("postconf -n").ShouldNotContain("lots");
    }

    [Fact]
    public async Task A_main_cf_with_a_warning_of_its_own_can_still_be_changed_but_not_warned_about_more()
    {
        await Pristine();
        // A main.cf that draws a warning already (an admin's unused parameter) can still be
        // changed; a change that brings a warning of its own is still refused.
        fx.Lab.Run("echo 'provision_stray_setting = 1' >> /etc/postfix/main.cf; postconf -n 2>&1 >/dev/null").ShouldContain("unused parameter: provision_stray_setting=1");
        var despite = await fx.RunAsync("apply", Params("            params: { message_size_limit: 10240000 }"));
        despite.ExitCode.ShouldBe(2, despite.ToString());
        fx.Lab.Run("postconf -h message_size_limit").ShouldBe("10240000");
        var stillBefore = Sha();
        var stillRefused = await fx.RunAsync("apply", Params("            params: { smtpd_client_restrictions: 'permit_mynetworks # LAN only' }"));
        stillRefused.ExitCode.ShouldBe(1, stillRefused.ToString());
        stillRefused.StdErr.ShouldContain("postconf change refused (new warnings)");
        Sha().ShouldBe(stillBefore);
        fx.Lab.Run("sed -i '/^provision_stray_setting/d' /etc/postfix/main.cf; postconf -n 2>&1 >/dev/null | wc -l").ShouldBe("0");
    }

    [Fact]
    public async Task A_master_cf_service_converges_with_its_options_and_exclusive_options_drop_the_rest()
    {
        await Pristine();
        var submission = """
                    service: submission/inet
                    entry: "submission inet n - y - - smtpd"
                    options:
                      syslog_name: postfix/submission
                      smtpd_tls_security_level: encrypt
                      smtpd_client_restrictions: ""
                      smtpd_relay_restrictions: [permit_mynetworks, permit_sasl_authenticated, reject]
            """;
        var master = await fx.RunAsync("apply", Params(submission));
        master.ExitCode.ShouldBe(2, master.ToString());
        fx.Lab.Run("postconf -M submission/inet").ShouldStartWith("submission inet  n       -       y       -       -       smtpd");
        fx.Lab.Run("postconf -P submission/inet").ShouldContain("submission/inet/smtpd_relay_restrictions = permit_mynetworks,permit_sasl_authenticated,reject");
        fx.Lab.Run("postfix check");
        var masterAgain = await fx.RunAsync("apply", Params(submission));
        masterAgain.ExitCode.ShouldBe(0, masterAgain.ToString());

        // Exclusive options drop the one no longer listed; the entry stays.
        var exclusive = submission.Replace("          smtpd_client_restrictions: \"\"\n", "") + "\n        exclusive_options: true";
        var fewer = await fx.RunAsync("apply", Params(exclusive));
        fewer.ExitCode.ShouldBe(2, fewer.ToString());
        fx.Lab.Run("postconf -P submission/inet").ShouldNotContain("smtpd_client_restrictions");
        (await fx.RunAsync("check", Params(exclusive))).ExitCode.ShouldBe(0);
    }
}
