using Provisioner.Playbooks;
using Provisioner.Yaml;

namespace Provisioner.Tests.Playbooks;

public sealed class PlaybookParserTests : IDisposable
{
    private readonly ParseHelper _p = new();
    public void Dispose() => _p.Dispose();

    private static Playbook Site()
    {
        var d = new Diagnostics();
        var playbook = PlaybookParser.Parse(Fixture.Path("site.yml"), Fakes.Modules(), Fakes.Probes(), d);
        d.Items.ShouldBeEmpty();
        return playbook.ShouldNotBeNull();
    }

    [Fact]
    public void Full_playbook_reads_into_the_model()
    {
        var play = Site().Plays[0];
        play.Name.ShouldBe("Fedora mail server");
        play.Hosts.ShouldBe("mail");
        play.Become.ShouldBe(true);
        play.VarsFiles.Select(v => v.Path).ShouldBe(["vars/mail.yml", "vars/mail.secret.yml"]);
        play.Stages.Select(s => (s.Name, s.Number, s.RollbackPackages)).ShouldBe([("packages", 1, RollbackPackages.Keep), ("smtp", 2, RollbackPackages.Remove)]);

        var smtp = play.Stages[1];
        var check = smtp.Tasks[2];
        (check.Module, check.Register, check.ChangedWhen, check.FailedWhen, check.Become).ShouldBe(("command", "postfix_check", "false", "postfix_check.rc != 0", (bool?)false));
        ((ScalarNode)check.Args.Get("cmd")!).Value.ShouldBe("postfix check");
        smtp.Tasks[0].Notify.ShouldBe(["reload postfix"]);
        smtp.Tasks[1].Loop.ShouldBeOfType<ListNode>().Items.Count.ShouldBe(2);
        smtp.Handlers.Single().Name.ShouldBe("reload postfix");

        var probe = smtp.Verify[0];
        (probe.Kind, probe.Retries, probe.Delay).ShouldBe(("smtp", 5, TimeSpan.FromSeconds(1)));
        (smtp.Verify[1].Name, smtp.Verify[1].Retries, smtp.Verify[1].Delay).ShouldBe(("tcp", 3, TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void Alias_keys_are_kept_as_written_and_unnamed_tasks_take_the_module_name()
    {
        var apt = Site().Plays[0].Stages[0].Tasks[1];
        (apt.Name, apt.Module, apt.When).ShouldBe(("apt", "apt", "facts.os_family == \"debian\""));
        apt.Span.ShouldBe(new SourceSpan(Fixture.Path("site.yml"), 15, 11));
    }

    [Fact]
    public void A_play_with_tasks_and_no_stages_is_one_stage_named_after_the_play()
    {
        var play = Site().Plays[1];
        var stage = play.Stages.ShouldHaveSingleItem();
        (stage.Name, stage.Number).ShouldBe(("plain play", 1));
        stage.Tasks.Single().Loop.ShouldBeOfType<ScalarNode>().Value.ShouldBe("{{ extra_packages }}");
        stage.Handlers.Single().Name.ShouldBe("restart chrony");
    }

    [Fact]
    public void Conditions_given_as_a_list_must_all_hold()
    {
        var (playbook, errors) = _p.Parse(ParseHelper.Task("package: { name: postfix }\nwhen: [a == 1, b == 2]"));
        errors.ShouldBeEmpty();
        playbook!.Plays[0].Stages[0].Tasks[0].When.ShouldBe("a == 1 and b == 2");
    }

    [Fact]
    public void Free_form_scalar_fills_the_free_form_argument()
    {
        var (playbook, errors) = _p.Parse(ParseHelper.Task("command: \"echo {{ item }}\"\nloop: [a]"));
        errors.ShouldBeEmpty();
        ((ScalarNode)playbook!.Plays[0].Stages[0].Tasks[0].Args.Get("cmd")!).Value.ShouldBe("echo {{ item }}");
    }

    [Fact]
    public void Every_problem_is_reported_in_one_call()
    {
        var (playbook, errors) = _p.Parse("""
            - name: mail
              stages:
                - name: smtp
                  rollback: never
                  tasks:
                    - pakage: { name: postfix }
                    - service: { name: postfix, enabled: maybe }
                    - command: id
                      register: 1st
            """);
        playbook.ShouldBeNull();
        var f = _p.File;
        errors.ShouldBe([
            $"{f}:1:3: this play has no 'hosts' — add hosts: PATTERN (a group or host of the inventory, or all)",
            $"{f}:4:17: 'rollback' must be remove or keep-packages, not 'never' — use one of: remove, keep-packages",
            $"{f}:6:11: unknown module 'pakage' — did you mean 'package'?",
            $"{f}:7:46: 'enabled' of service must be true or false, not 'maybe' — write enabled: true or enabled: false",
            $"{f}:9:21: 'register' must be a variable name, not '1st' — use letters, digits and '_', starting with a letter, e.g. register: postfix_check",
        ], ignoreOrder: true);
    }
}
