using Provisioner.Modules;
using Provisioner.Modules.Postfix;
using Provisioner.Reads;
using static Provisioner.Tests.ModuleTests.ModuleTestKit;

namespace Provisioner.Tests.ModulesMail;

public class PostconfModuleTests
{
    private readonly PostconfModule _module = new();

    private static PostconfState MainCf(string postconfN) => PostconfModule.ParseState($"{MarkedSections.Marker}main\n{postconfN}", null);

    private static IReadOnlyList<string> Argv(PostconfArgs args, PostconfState state) =>
        PostconfPlanner.Compute(args, state).Commands.Select(c => c.Render()).ToList();

    [Fact]
    public void Sets_missing_and_changed_parameters_one_argv_element_each()
    {
        var args = Bind<PostconfArgs>(_module, """
            params:
              myhostname: mail.example.jp
              mydestination: [$myhostname, localhost, $mydomain]
              smtpd_banner: $myhostname ESMTP
            """);
        var state = MainCf("myhostname = mail.example.jp\nsmtpd_banner = $myhostname ESMTP ready\n");
        var (commands, changes) = PostconfPlanner.Compute(args, state);
        commands.Single().Argv.Select(a => a.Text).ShouldBe(["postconf", "-e", "mydestination = $myhostname, localhost, $mydomain", "smtpd_banner = $myhostname ESMTP"]);
        commands.Single().Render().ShouldBe("postconf -e 'mydestination = $myhostname, localhost, $mydomain' 'smtpd_banner = $myhostname ESMTP'");
        changes.Select(c => c.Summary).ShouldBe(["main.cf mydestination: (absent) → $myhostname, localhost, $mydomain", "main.cf smtpd_banner: $myhostname ESMTP ready → $myhostname ESMTP"]);
    }

    [Fact]
    public void Equal_values_modulo_whitespace_plan_nothing()
    {
        var args = Bind<PostconfArgs>(_module, "params: { mynetworks: '127.0.0.0/8,  [::1]/128', smtpd_tls_cert_file: '' }");
        _module.Plan(args, MainCf("mynetworks = 127.0.0.0/8, [::1]/128\nsmtpd_tls_cert_file =\n")).IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void Absent_removes_only_explicitly_set_names()
    {
        var args = Bind<PostconfArgs>(_module, "absent: [smtpd_use_tls, disable_dns_lookups]");
        Argv(args, MainCf("smtpd_use_tls = yes\n")).ShouldBe(["postconf -X smtpd_use_tls"]);
        _module.Plan(args, MainCf("myhostname = x\n")).IsEmpty.ShouldBeTrue();
    }

    private const string Submission = """
        service: submission/inet
        entry: "submission inet n - n - - smtpd"
        options:
          syslog_name: postfix/submission
          smtpd_tls_security_level: encrypt
          smtpd_relay_restrictions: [permit_sasl_authenticated, reject]
        """;

    [Fact]
    public void Creates_a_master_entry_and_its_options()
    {
        var args = Bind<PostconfArgs>(_module, Submission);
        Argv(args, PostconfModule.ParseState(Sections("", "", ""), "submission/inet")).ShouldBe([
            "postconf -M 'submission/inet=submission inet n - n - - smtpd'",
            "postconf -P submission/inet/syslog_name=postfix/submission submission/inet/smtpd_tls_security_level=encrypt submission/inet/smtpd_relay_restrictions=permit_sasl_authenticated,reject"]);
    }

    [Fact]
    public void Existing_entry_with_same_columns_only_fixes_differing_options()
    {
        var args = Bind<PostconfArgs>(_module, Submission);
        var state = PostconfModule.ParseState(Sections("",
            "submission inet  n       -       n       -       -       smtpd -o syslog_name=postfix/submission -o smtpd_tls_security_level=may -o milter_macro_daemon_name=ORIGINATING",
            "submission/inet/milter_macro_daemon_name = ORIGINATING\nsubmission/inet/smtpd_tls_security_level = may\nsubmission/inet/syslog_name = postfix/submission\n"), "submission/inet");
        state.MasterEntry.ShouldBe("submission inet n - n - - smtpd");
        Argv(args, state).ShouldBe([
            "postconf -P submission/inet/smtpd_tls_security_level=encrypt submission/inet/smtpd_relay_restrictions=permit_sasl_authenticated,reject"]);

        var exclusive = Bind<PostconfArgs>(_module, Submission + "\nexclusive_options: true");
        Argv(exclusive, state).ShouldBe([
            "postconf -P submission/inet/smtpd_tls_security_level=encrypt submission/inet/smtpd_relay_restrictions=permit_sasl_authenticated,reject",
            "postconf -PX submission/inet/milter_macro_daemon_name"]);
    }

    [Fact]
    public void Changed_entry_is_replaced_and_kept_options_are_set_again()
    {
        // postconf -M drops the entry's -o options, so the ones not being changed are restored.
        var args = Bind<PostconfArgs>(_module, Submission);
        var state = PostconfModule.ParseState(Sections("",
            "submission inet n - y - - smtpd -o syslog_name=postfix/submission -o milter_macro_daemon_name=ORIGINATING",
            "submission/inet/milter_macro_daemon_name = ORIGINATING\nsubmission/inet/syslog_name = postfix/submission\n"), "submission/inet");
        Argv(args, state).ShouldBe([
            "postconf -M 'submission/inet=submission inet n - n - - smtpd'",
            "postconf -P submission/inet/milter_macro_daemon_name=ORIGINATING",
            "postconf -P submission/inet/syslog_name=postfix/submission submission/inet/smtpd_tls_security_level=encrypt submission/inet/smtpd_relay_restrictions=permit_sasl_authenticated,reject"]);
    }

    [Fact]
    public void State_absent_removes_the_service()
    {
        var args = Bind<PostconfArgs>(_module, "service: submission/inet\nstate: absent");
        Argv(args, PostconfModule.ParseState(Sections("", "submission inet n - n - - smtpd", ""), "submission/inet")).ShouldBe(["postconf -MX submission/inet"]);
        _module.Plan(args, PostconfModule.ParseState(Sections("", "", ""), "submission/inet")).IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void Apply_is_one_script_given_the_directory_and_each_command_quoted_by_construction_and_the_stage_checks_it()
    {
        var args = Bind<PostconfArgs>(_module, "params: { smtpd_banner: \"$myhostname ESMTP it's me\" }");
        var plan = _module.Plan(args, MainCf(""));
        var script = ((CommandStep)plan.Steps.Single()).Command.ScriptText!;
        // Each postconf command travels as its argument count and its arguments (what the script does
        // with them: PostfixGateScriptTests, PostconfLabTests).
        script.ShouldStartWith("set -- /etc/postfix 2 -e 'smtpd_banner = $myhostname ESMTP it'\\''s me'\n");
        _module.Journal(args, MainCf("")).ShouldBe([new Journal.JournalFile("/etc/postfix/main.cf"), new Journal.JournalFile("/etc/postfix/master.cf")]);
        ((IModule)_module).Gate(args).ShouldBe(Provisioner.Modules.Postfix.PostfixGate.Instance);
    }

    [Fact]
    public void Bad_arguments_are_refused_at_bind()
    {
        BindErrors(_module, "params: { 'bad name': x }").Count.ShouldBe(1);
        BindErrors(_module, "service: submission").Count.ShouldBe(1);
        BindErrors(_module, "service: submission/inet\nentry: smtp inet n - n - - smtpd").Count.ShouldBe(1);
        BindErrors(_module, "service: submission/inet\noptions: { smtpd_client_restrictions: 'a, b' }").Count.ShouldBe(1);
        BindErrors(_module, "params: { a: b }\nentry: x").Count.ShouldBe(1);
        BindErrors(_module, "params: { a: { b: c } }").Count.ShouldBe(1);
    }

    [Fact]
    public void Parses_postconf_n_with_continuation_lines_and_empty_values()
    {
        PostconfOutput.ParseMain("smtpd_relay_restrictions = permit_mynetworks,\n    permit_sasl_authenticated,\n\treject\nsmtpd_tls_cert_file =\nmyorigin = $mydomain\n").ShouldBe(
            new Dictionary<string, string>
            {
                ["smtpd_relay_restrictions"] = "permit_mynetworks, permit_sasl_authenticated, reject",
                ["smtpd_tls_cert_file"] = "",
                ["myorigin"] = "$mydomain",
            });
    }

    [Fact]
    public void Parses_postconf_M_folded_output_and_P_output()
    {
        PostconfOutput.ParseMasterEntry("submission inet  n       -       n       -       -       smtpd\n    -o syslog_name=postfix/submission\n").ShouldBe("submission inet n - n - - smtpd");
        PostconfOutput.ParseMasterEntry("").ShouldBeNull();
        PostconfOutput.ParseMasterEntry("dovecot unix - n n - - pipe flags=DRhu user=vmail argv=/usr/lib/dovecot/deliver -f ${sender}")
            .ShouldBe("dovecot unix - n n - - pipe flags=DRhu user=vmail argv=/usr/lib/dovecot/deliver -f ${sender}");
        PostconfOutput.ParseOptions("submission/inet/smtpd_client_restrictions =\nsubmission/inet/syslog_name = postfix/submission\nsmtp/inet/x = y\n", "submission/inet")
            .ShouldBe(new Dictionary<string, string> { ["smtpd_client_restrictions"] = "", ["syslog_name"] = "postfix/submission" });
    }

    [Fact]
    public void Read_is_one_read_only_script_with_quoted_service()
    {
        var cmd = PostconfScript.Read("submission/inet");
        cmd.ReadOnly.ShouldBeTrue();
        cmd.ScriptText!.ShouldStartWith("set -- submission/inet\n");
        cmd.ScriptText!.ShouldContain("postconf -M \"$1\"");
        cmd.ScriptText!.ShouldContain("postconf -P \"$1\"");
        PostconfScript.Read(null).ScriptText!.ShouldStartWith("set -- \n");
    }

    private static string Sections(string main, string master, string options) =>
        $"{MarkedSections.Marker}main\n{main}\n{MarkedSections.Marker}master\n{master}\n{MarkedSections.Marker}options\n{options}\n";
}
