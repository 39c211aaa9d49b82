namespace Provisioner.Tests.Playbooks;

/// <summary>Each kind of mistake is reported at its exact file:line:column with a fix.</summary>
public sealed class MalformedPlaybookTests : IDisposable
{
    private readonly ParseHelper _p = new();
    public void Dispose() => _p.Dispose();

    [Fact]
    public void Unknown_module_suggests_the_nearest_name() =>
        _p.Single(ParseHelper.Task("name: postfix\npakage: { name: postfix }"), 7, 11)
            .ShouldBe("unknown module 'pakage' — did you mean 'package'?");

    [Fact]
    public void Unknown_module_without_a_near_name_lists_the_modules() =>
        _p.Single(ParseHelper.Task("zzzzzzzz: { name: postfix }"), 6, 11)
            .ShouldStartWith("unknown module 'zzzzzzzz' — known modules: apt, command, copy");

    [Fact]
    public void Two_module_keys_in_one_task() =>
        _p.Single(ParseHelper.Task("package: { name: postfix }\nservice: { name: postfix }"), 7, 11)
            .ShouldBe("a task has one module, but this one has 'package' and 'service' — split it into two tasks, one module each");

    [Fact]
    public void Task_without_module() =>
        _p.Single(ParseHelper.Task("name: nothing\nwhen: true"), 6, 11).ShouldStartWith("this task has no module — add one module key");

    [Fact]
    public void Unknown_task_keyword_suggests_the_keyword() =>
        _p.Single(ParseHelper.Task("package: { name: postfix }\nregistr: out"), 7, 11)
            .ShouldBe("unknown task keyword 'registr' — did you mean 'register'?");

    [Fact]
    public void Unknown_argument_suggests_from_the_spec() =>
        _p.Single(ParseHelper.Task("template: { src: a.liquid, dest: /etc/a, mdoe: '0644' }"), 6, 52)
            .ShouldBe("unknown argument 'mdoe' for template — did you mean 'mode'?");

    [Fact]
    public void Missing_required_argument_points_at_the_module_key() =>
        _p.Single(ParseHelper.Task("name: x\nservice: { state: started }"), 7, 11)
            .ShouldBe("service needs argument 'name' — add name: VALUE");

    [Fact]
    public void Exactly_one_of_group_needs_one() =>
        _p.Single(ParseHelper.Task("copy: { dest: /etc/motd }"), 6, 11).ShouldBe("copy needs one of 'content', 'src' — add exactly one of them");

    [Fact]
    public void Exactly_one_of_group_refuses_two() =>
        _p.Single(ParseHelper.Task("copy: { dest: /etc/motd, content: hi, src: motd }"), 6, 49)
            .ShouldBe("'content' and 'src' cannot be used together in copy — keep only one of them");

    [Fact]
    public void Mutually_exclusive_arguments() =>
        _p.Parse(ParseHelper.Task("file: { path: /a, src: b, recurse: c }")).Errors
            .ShouldContain($"{_p.File}:6:37: 'src' and 'recurse' cannot be used together in file — keep only one of them");

    [Theory]
    [InlineData("file: { path: /etc/a, mode: [1] }", 6, 39, "'mode' of file must be a single value, not a list")]
    [InlineData("service: { name: postfix, enabled: maybe }", 6, 46, "'enabled' of service must be true or false, not 'maybe'")]
    [InlineData("firewalld: { zone: public, port: abc }", 6, 44, "'port' of firewalld must be a whole number, not 'abc'")]
    [InlineData("firewalld: { zone: public, sources: { a: b } }", 6, 47, "'sources' of firewalld must be a list, not a mapping")]
    public void Wrong_literal_type(string task, int line, int column, string message) =>
        _p.Single(ParseHelper.Task(task), line, column).ShouldStartWith(message);

    [Fact]
    public void Type_checks_skip_templated_values() =>
        _p.Parse(ParseHelper.Task("firewalld: { zone: public, port: \"{{ smtp_port }}\" }")).Errors.ShouldBeEmpty();

    [Fact]
    public void Invalid_choice_suggests_the_nearest() =>
        _p.Single(ParseHelper.Task("service: { name: postfix, state: stated }"), 6, 44)
            .ShouldBe("'state' of service must be one of started, stopped, restarted, reloaded, not 'stated' — did you mean 'started'?");

    [Fact]
    public void Template_syntax_error_in_an_argument() =>
        _p.Single(ParseHelper.Task("template: { src: main.cf, dest: \"/etc/{{ unclosed\" }"), 6, 43)
            .ShouldStartWith("template syntax error: ");

    [Fact]
    public void Condition_syntax_error() =>
        _p.Single(ParseHelper.Task("package: { name: postfix }\nwhen: facts.os_family == == 'x'"), 7, 17)
            .ShouldStartWith("'when' is not a valid condition: ");

    [Fact]
    public void Condition_written_with_braces() =>
        _p.Single(ParseHelper.Task("package: { name: postfix }\nwhen: \"{{ enabled }}\""), 7, 17)
            .ShouldStartWith("'when' is a bare condition and must not contain '{{' or '{%'");

    [Fact]
    public void Notify_names_an_unknown_handler()
    {
        var yaml = ParseHelper.Task("template: { src: a, dest: /etc/a }\nnotify: [reload postfx]") + """
                  handlers:
                    - name: reload postfix
                      service: { name: postfix, state: reloaded }

            """;
        _p.Single(yaml, 7, 20).ShouldBe("notify names 'reload postfx', which is not a handler of stage 'smtp' — did you mean 'reload postfix'?");
    }

    [Fact]
    public void Unknown_probe_kind()
    {
        var yaml = ParseHelper.Task("package: { name: postfix }") + """
                  verify:
                    - name: banner
                      smpt: { host: a, port: 25 }

            """;
        _p.Single(yaml, 9, 11).ShouldBe("unknown probe kind 'smpt' — did you mean 'smtp'?");
    }

    [Fact]
    public void Probe_arguments_are_checked() =>
        _p.Single(ParseHelper.Task("package: { name: postfix }") + """
                  verify:
                    - tcp: { host: a, port: twenty-five }

            """, 8, 33).ShouldStartWith("'port' of tcp must be a whole number, not 'twenty-five'");

    [Fact]
    public void Duplicate_stage_names() =>
        _p.Single("""
            - hosts: mail
              stages:
                - name: smtp
                  tasks: []
                - name: smtp
                  tasks: []
            """, 5, 13).ShouldBe("stage name 'smtp' is already used at " + _p.File + ":3:13 — give each stage a distinct name (--stage and the journal refer to stages by name)");

    [Fact]
    public void Hosts_missing() =>
        _p.Single("""
            - name: mail
              stages: []
            """, 1, 3).ShouldStartWith("this play has no 'hosts' — add hosts: PATTERN");

    [Fact]
    public void Stages_not_a_list() =>
        _p.Single("""
            - hosts: mail
              stages:
                smtp:
                  tasks: []
            """, 3, 5).ShouldBe("'stages' must be a list, not a mapping — start each stage with '- name: STAGE'");

    [Fact]
    public void Yaml_syntax_error() =>
        _p.Single("- hosts: mail\n  stages: [\n", 3, 1).ShouldStartWith("YAML syntax error: ");

    [Fact]
    public void Vars_file_missing() =>
        _p.Single("""
            - hosts: mail
              vars_files: [vars/mail.yml]
              tasks: []
            """, 2, 16).ShouldStartWith("vars file 'vars/mail.yml' not found");

    [Fact]
    public void Rollback_value() =>
        _p.Single("""
            - hosts: mail
              stages:
                - name: smtp
                  rollback: keep-package
                  tasks: []
            """, 4, 17).ShouldBe("'rollback' must be remove or keep-packages, not 'keep-package' — did you mean 'keep-packages'?");

    [Fact]
    public void Register_not_an_identifier() =>
        _p.Single(ParseHelper.Task("command: id -u\nregister: my-result"), 7, 21).ShouldStartWith("'register' must be a variable name, not 'my-result'");

    [Fact]
    public void Changed_when_only_for_command() =>
        _p.Single(ParseHelper.Task("package: { name: postfix }\nchanged_when: false"), 7, 11)
            .ShouldStartWith("'changed_when' is not accepted for package tasks");

    [Fact]
    public void Free_form_only_where_the_module_allows_it() =>
        _p.Single(ParseHelper.Task("package: postfix"), 6, 20).ShouldStartWith("'package' takes a mapping of arguments, not 'postfix'");

    [Fact]
    public void Module_specific_validation_runs() =>
        _p.Single(ParseHelper.Task("lineinfile: { path: /etc/a, state: absent }"), 6, 23).ShouldStartWith("lineinfile with state: absent needs 'regexp'");

    [Fact]
    public void Unknown_play_key_suggests() =>
        _p.Single("""
            - hosts: mail
              var_files: [a.yml]
              tasks: []
            """, 2, 3).ShouldBe("unknown play key 'var_files' — did you mean 'vars_files'?");

    [Fact]
    public void Stages_and_tasks_together() =>
        _p.Single("""
            - hosts: mail
              stages: []
              tasks: []
            """, 3, 3).ShouldStartWith("a play has either stages: or tasks:, not both");

    [Fact]
    public void Playbook_not_a_list() =>
        _p.Single("hosts: mail\ntasks: []\n", 1, 1).ShouldStartWith("a playbook must be a list of plays");
}
