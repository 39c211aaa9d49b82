using Provisioner.Execution;
using Provisioner.Modules;
using Provisioner.Playbooks;
using Provisioner.Probes;
using Provisioner.Yaml;

namespace Provisioner.Tests.Playbooks;

/// <summary>
/// Issue 26 item 12: <c>- import_stage: FILE</c> in a play's stages takes a stage kept in its own
/// file, so a second playbook can reuse it; <c>name:</c> and <c>vars:</c> on the import adapt it.
/// </summary>
public sealed class ImportStageTests : IDisposable
{
    private readonly ParseHelper _p = new();
    public void Dispose() => _p.Dispose();

    /// <summary>A stage with every part a stage has: keywords on tasks, handlers, probes, rollback policy, vars.</summary>
    private const string SmtpStage = """
        name: smtp
        rollback: keep-packages
        vars: { relay: "[smtp.example]:587" }
        tasks:
          - name: postfix installed
            package: { name: postfix }
            tags: [packages]
          - name: main.cf
            template: { src: templates/main.cf.liquid, dest: /etc/postfix/main.cf, mode: "0644" }
            notify: reload postfix
            when: relay != ""
          - name: check
            command: postfix check
            register: postfix_check
            changed_when: false
            failed_when: postfix_check.rc != 0
            become: false
          - name: ports open
            firewalld: { zone: "{{ item }}", service: smtp }
            loop: [public, internal]
        handlers:
          - name: reload postfix
            service: { name: postfix, state: reloaded }
        verify:
          - name: banner
            smtp: { host: "{{ host.address }}", port: 25, expect: { banner: ESMTP } }
            retries: 5
            delay: 1
          - tcp: { host: "{{ item }}", port: 25 }
            loop: [a, b]
            when: relay != ""
        """;

    private static string Play(string stages) => "- name: mail\n  hosts: mail\n  stages:\n" + Indent(stages, 4);

    private static string Indent(string text, int spaces) =>
        string.Join("\n", text.ReplaceLineEndings("\n").Split('\n').Select(l => l.Length == 0 ? l : new string(' ', spaces) + l)) + "\n";

    private IReadOnlyList<Stage> Stages(string yaml)
    {
        var (playbook, errors) = _p.Parse(yaml);
        errors.ShouldBeEmpty();
        return playbook.ShouldNotBeNull().Plays[0].Stages;
    }

    private static string AsListItem(string stage) => "- " + Indent(stage, 2).TrimStart();

    [Fact]
    public void A_stage_from_its_own_file_is_the_same_stage_as_written_inline()
    {
        _p.Dir.Write("stages/smtp.yml", SmtpStage);

        var inline = Stages(Play(AsListItem(SmtpStage))).Single();
        var imported = Stages(Play("- import_stage: stages/smtp.yml")).Single();

        (inline.Tasks.Count, inline.Handlers.Count, inline.Verify.Count).ShouldBe((4, 1, 2));
        StageShape.Of(imported).ShouldBe(StageShape.Of(inline));
        imported.Tasks[1].Span.ShouldBe(new SourceSpan(_p.PathOf("stages/smtp.yml"), 8, 5));
    }

    [Fact]
    public void Vars_on_the_import_are_stage_vars_as_if_written_on_the_stage()
    {
        _p.Dir.Write("stages/banner.yml", "name: banner\ntasks:\n  - copy: { dest: \"{{ path }}\", content: hi }\nverify:\n  - tcp: { host: h, port: \"{{ port }}\" }\n");

        var inline = Stages(Play("- name: banner\n  vars: { path: /etc/motd, port: 22 }\n  tasks:\n    - copy: { dest: \"{{ path }}\", content: hi }\n  verify:\n    - tcp: { host: h, port: \"{{ port }}\" }")).Single();
        var imported = Stages(Play("- import_stage: stages/banner.yml\n  vars: { path: /etc/motd, port: 22 }")).Single();

        StageShape.Of(imported).ShouldBe(StageShape.Of(inline));
        imported.Verify.Single().ScopeVars.ShouldHaveSingleItem();
    }

    [Fact]
    public void The_import_names_the_stage_and_its_vars_beat_the_files_own()
    {
        _p.Dir.Write("stages/banner.yml", "name: banner\nvars: { path: /etc/motd, text: hello }\ntasks:\n  - copy: { dest: \"{{ path }}\", content: \"{{ text }}\" }\n");

        var stages = Stages(Play("- import_stage: stages/banner.yml\n- import_stage: stages/banner.yml\n  name: issue\n  vars: { path: /etc/issue }"));

        stages.Select(s => (s.Name, s.Number)).ShouldBe([("banner", 1), ("issue", 2)]);
        stages[1].Tasks.Single().ScopeVars.Select(l => string.Join(",", l.Keys)).ShouldBe(["path,text", "path"]);
    }

    [Fact]
    public void The_same_file_twice_without_a_name_is_a_duplicate_stage_told_at_the_second_import()
    {
        _p.Dir.Write("stages/banner.yml", "name: banner\ntasks:\n  - package: { name: a }\n");

        _p.Single(Play("- import_stage: stages/banner.yml\n- import_stage: stages/banner.yml"), 5, 21)
            .ShouldBe($"stage name 'banner' is already used at {_p.PathOf("stages/banner.yml")}:1:7 — give each stage a distinct name " +
                "(--stage and the journal refer to stages by name): write name: on the import_stage");
    }

    [Fact]
    public void Import_tasks_in_a_stage_file_are_relative_to_that_file()
    {
        _p.Dir.Write("stages/web.yml", "name: web\ntasks:\n  - import_tasks: ../tasks/nginx.yml\n");
        _p.Dir.Write("tasks/nginx.yml", "- package: { name: nginx }\n");

        Stages(Play("- import_stage: stages/web.yml")).Single().Tasks.Single().Span.File.ShouldBe(_p.PathOf("tasks/nginx.yml"));
    }

    [Fact]
    public void A_stage_file_with_a_list_of_tasks_is_refused_with_import_tasks_as_the_fix()
    {
        _p.Dir.Write("tasks/a.yml", "- package: { name: a }\n");

        var errors = _p.Refused(Play("- import_stage: tasks/a.yml"));

        errors.ShouldBe([$"{_p.PathOf("tasks/a.yml")}:1:1: a file for import_stage must hold one stage (a mapping with name: and tasks:), not a list — " +
            "this file holds tasks: import it with '- import_tasks: FILE' in a stage's tasks:"]);
    }

    [Fact]
    public void A_missing_stage_file_is_reported_at_the_import() =>
        _p.Single(Play("- import_stage: stages/nope.yml"), 4, 21)
            .ShouldBe($"import_stage: file 'stages/nope.yml' not found (looked for {_p.PathOf("stages/nope.yml")}) — import_stage paths are relative to the directory of the file that holds the import");

    [Fact]
    public void Stage_keys_beside_import_stage_are_refused_as_they_belong_in_the_file()
    {
        _p.Dir.Write("stages/banner.yml", "name: banner\ntasks:\n  - package: { name: a }\n");

        _p.Single(Play("- import_stage: stages/banner.yml\n  rollback: keep-packages"), 5, 7)
            .ShouldBe("unknown import_stage key 'rollback' — import_stage takes import_stage, name, vars; write rollback: in the stage's file");
    }

    [Fact]
    public void A_stage_file_without_a_name_needs_one_on_the_import()
    {
        _p.Dir.Write("stages/anon.yml", "tasks:\n  - package: { name: a }\n");

        var errors = _p.Refused(Play("- import_stage: stages/anon.yml"));

        errors.ShouldBe([$"{_p.PathOf("stages/anon.yml")}:1:1: this stage has no name — add name: STAGE (it is how --stage and reports refer to it), or name: on its import_stage"]);
        Stages(Play("- import_stage: stages/anon.yml\n  name: anon")).Single().Name.ShouldBe("anon");
    }

    [Fact]
    public void The_reuse_example_imports_its_stage_twice_and_a_task_file()
    {
        var d = new Diagnostics();
        var path = Path.GetFullPath(Path.Combine(Fixture.Path(""), "..", "..", "..", "playbooks", "examples", "reuse.yml"));

        var playbook = PlaybookParser.Parse(path, ModuleRegistry.Default, ProbeRegistry.Default, d);

        d.Items.ShouldBeEmpty();
        var stages = playbook.ShouldNotBeNull().Plays.Single().Stages;
        stages.Select(s => s.Name).ShouldBe(["motd", "issue", "app"]);
        StageShape.Of(stages[1]).ShouldNotBe(StageShape.Of(stages[0]));
        stages[2].Tasks.Select(t => t.Span.File).ShouldContain(Path.Combine(Path.GetDirectoryName(path)!, "tasks", "app-dir.yml"));
        PlaybookValidator.Validate(path, [], [], ModuleRegistry.Default, ProbeRegistry.Default).Diagnostics.ShouldBeEmpty();
    }
}
