using Provisioner.Playbooks;
using Provisioner.Yaml;

namespace Provisioner.Tests.Playbooks;

/// <summary>
/// Issue 26 item 12: <c>import_tasks: FILE</c> in a stage's tasks puts the file's tasks in its place
/// when the playbook is read, with the import's vars, when and tags on each of them.
/// </summary>
public sealed class ImportTasksTests : IDisposable
{
    private readonly ParseHelper _p = new();
    public void Dispose() => _p.Dispose();

    private static string Stage(string tasks, string handlers = "") => """
        - name: mail
          hosts: mail
          stages:
            - name: smtp
              tasks:

        """ + Indent(tasks, 8) + (handlers.Length == 0 ? "" : "\n      handlers:\n" + Indent(handlers, 8));

    private static string Indent(string text, int spaces) =>
        string.Join("\n", text.ReplaceLineEndings("\n").Split('\n').Select(l => new string(' ', spaces) + l)) + "\n";

    private Stage ParseStage(string yaml)
    {
        var (playbook, errors) = _p.Parse(yaml);
        errors.ShouldBeEmpty();
        return playbook.ShouldNotBeNull().Plays[0].Stages[0];
    }

    [Fact]
    public void The_files_tasks_stand_where_the_import_stands_each_at_its_own_file_and_line()
    {
        _p.Dir.Write("tasks/common.yml", "- name: chrony\n  package: { name: chrony }\n- name: chrony running\n  service: { name: chronyd, state: started }\n");

        var stage = ParseStage(Stage("- package: { name: postfix }\n- import_tasks: tasks/common.yml\n- service: { name: postfix }"));

        stage.Tasks.Select(t => t.Name).ShouldBe(["package", "chrony", "chrony running", "service"]);
        stage.Tasks[2].Span.ShouldBe(new SourceSpan(_p.PathOf("tasks/common.yml"), 3, 3));
    }

    [Fact]
    public void A_nested_import_is_relative_to_the_file_that_holds_it()
    {
        _p.Dir.Write("tasks/outer.yml", "- import_tasks: inner/more.yml\n- name: outer\n  package: { name: a }\n");
        _p.Dir.Write("tasks/inner/more.yml", "- name: inner\n  package: { name: b }\n");

        var stage = ParseStage(Stage("- import_tasks: tasks/outer.yml"));

        stage.Tasks.Select(t => (t.Name, t.Span.File)).ShouldBe([("inner", _p.PathOf("tasks/inner/more.yml")), ("outer", _p.PathOf("tasks/outer.yml"))]);
        _p.Parse(Stage("- import_tasks: tasks/outer.yml")).Playbook!.ImportedFiles.ShouldBe([_p.PathOf("tasks/outer.yml"), _p.PathOf("tasks/inner/more.yml")]);
    }

    [Fact]
    public void Vars_when_and_tags_of_each_import_apply_to_every_task_it_brings_the_tasks_own_last()
    {
        _p.Dir.Write("tasks/outer.yml", """
            - import_tasks: inner.yml
              vars: { level: inner }
              when: inner_on == true
              tags: [inner]
            """);
        _p.Dir.Write("tasks/inner.yml", "- name: t\n  package: { name: \"{{ level }}\" }\n  vars: { level: own }\n  when: own_on == true\n  tags: own\n");

        var task = ParseStage(Stage("- import_tasks: tasks/outer.yml\n  vars: { level: outer }\n  when: [a == 1, b == 2]\n  tags: outer")).Tasks.Single();

        task.ScopeVars.Select(v => ((ScalarNode)v.Get("level")!).Value).ShouldBe(["outer", "inner", "own"]);
        task.ImportedWhen.ShouldBe([new InheritedWhen("a == 1 and b == 2", new SourceSpan(_p.File, 8, 17)), new InheritedWhen("inner_on == true", new SourceSpan(_p.PathOf("tasks/outer.yml"), 3, 9))]);
        task.When.ShouldBe("own_on == true");
        task.Conditions.ShouldBe(["a == 1 and b == 2", "inner_on == true", "own_on == true"]);
        task.Tags.ShouldBe(["outer", "inner", "own"]);
    }

    [Fact]
    public void Imported_tasks_may_notify_the_stages_handlers_and_handlers_may_be_imported()
    {
        _p.Dir.Write("tasks/conf.yml", "- copy: { dest: /etc/a, content: x }\n  notify: reload a\n");
        _p.Dir.Write("handlers/a.yml", "- name: reload a\n  service: { name: a, state: reloaded }\n");

        var stage = ParseStage(Stage("- import_tasks: tasks/conf.yml", "- import_tasks: handlers/a.yml"));

        stage.Tasks.Single().Notify.ShouldBe(["reload a"]);
        stage.Handlers.Single().Name.ShouldBe("reload a");
    }

    [Fact]
    public void A_notify_in_an_imported_file_that_names_no_handler_is_reported_there() =>
        Error("tasks/conf.yml", "- copy: { dest: /etc/a, content: x }\n  notify: relaod a\n", "- import_tasks: tasks/conf.yml", "- name: reload a\n  service: { name: a }")
            .ShouldBe($"{_p.PathOf("tasks/conf.yml")}:2:11: notify names 'relaod a', which is not a handler of stage 'smtp' — did you mean 'reload a'?");

    [Fact]
    public void An_error_inside_an_imported_file_names_that_file_and_line() =>
        Error("tasks/a.yml", "- name: ok\n  package: { name: a }\n- pakage: { name: b }\n", "- import_tasks: tasks/a.yml")
            .ShouldBe($"{_p.PathOf("tasks/a.yml")}:3:3: unknown module 'pakage' — did you mean 'package'?");

    [Fact]
    public void A_file_imported_twice_tells_its_error_once()
    {
        _p.Dir.Write("tasks/a.yml", "- pakage: { name: b }\n");

        var (_, errors) = _p.Parse(Stage("- import_tasks: tasks/a.yml\n- import_tasks: tasks/a.yml"));

        errors.ShouldBe([$"{_p.PathOf("tasks/a.yml")}:1:3: unknown module 'pakage' — did you mean 'package'?"]);
    }

    [Fact]
    public void An_import_cycle_is_refused_naming_the_chain_of_files()
    {
        _p.Dir.Write("tasks/a.yml", "- import_tasks: b.yml\n");
        _p.Dir.Write("tasks/b.yml", "- name: ok\n  package: { name: a }\n- import_tasks: a.yml\n");

        var errors = _p.Refused(Stage("- import_tasks: tasks/a.yml"));

        errors.ShouldBe([$"{_p.PathOf("tasks/b.yml")}:3:17: import_tasks: 'a.yml' is already being imported: site.yml → tasks/a.yml → tasks/b.yml → tasks/a.yml" +
            " — a file cannot import itself, directly or through others: remove one of these imports"]);
    }

    [Fact]
    public void A_missing_file_is_reported_at_the_import_with_where_it_was_looked_for() =>
        _p.Single(Stage("- import_tasks: tasks/nope.yml"), 6, 25)
            .ShouldBe($"import_tasks: file 'tasks/nope.yml' not found (looked for {_p.PathOf("tasks/nope.yml")}) — import_tasks paths are relative to the directory of the file that holds the import");

    [Fact]
    public void A_file_holding_a_stage_is_not_a_list_of_tasks() =>
        Error("stages/smtp.yml", "name: smtp\ntasks:\n  - package: { name: postfix }\n", "- import_tasks: stages/smtp.yml")
            .ShouldBe($"{_p.PathOf("stages/smtp.yml")}:1:1: a file for import_tasks must be a list of tasks, not a mapping — this file holds a stage: import it with '- import_stage: FILE' in a play's stages:");

    [Fact]
    public void An_empty_file_is_refused() =>
        Error("tasks/empty.yml", "# nothing yet\n", "- import_tasks: tasks/empty.yml")
            .ShouldBe($"{_p.PathOf("tasks/empty.yml")}:1:1: the file for import_tasks is empty — write its tasks as a list ('- name: ...'), or remove the import");

    [Theory]
    [InlineData("loop: [a, b]", "unknown import_tasks key 'loop' — import_tasks takes import_tasks, name, vars, when, tags; write loop: on the tasks inside the file")]
    [InlineData("wehn: x == 1", "unknown import_tasks key 'wehn' — did you mean 'when'?")]
    [InlineData("package: { name: a }", "unknown import_tasks key 'package' — import_tasks takes import_tasks, name, vars, when, tags; a task has either a module or import_tasks: split it into two entries")]
    public void Keys_an_import_does_not_take_are_refused(string key, string message)
    {
        _p.Dir.Write("tasks/a.yml", "- package: { name: a }\n");
        _p.Single(Stage("- import_tasks: tasks/a.yml\n  " + key), 7, 11).ShouldBe(message);
    }

    [Fact]
    public void A_templated_file_name_is_refused_since_imports_are_read_before_any_variable() =>
        _p.Single(Stage("- import_tasks: \"tasks/{{ os }}.yml\""), 6, 25)
            .ShouldBe("import_tasks: the file name cannot be a template: imports are read with the playbook, before any variable is known — name the file itself (choose between files with when: on two imports)");

    [Fact]
    public void Include_tasks_is_refused_with_import_tasks_as_the_fix() =>
        _p.Single(Stage("- include_tasks: tasks/a.yml"), 6, 11)
            .ShouldBe("include_tasks is not supported: provision reads every task before the run — write import_tasks: FILE (read with the playbook; its when: applies to each task)");

    [Fact]
    public void Vars_that_would_hide_a_built_in_variable_are_refused()
    {
        _p.Dir.Write("tasks/a.yml", "- package: { name: a }\n");
        _p.Single(Stage("- import_tasks: tasks/a.yml\n  vars: { facts: {} }"), 7, 19)
            .ShouldBe("'vars: facts' would hide the built-in variable 'facts' — choose another name");
    }

    [Fact]
    public void Imports_that_multiply_past_the_bound_are_refused_where_they_cross_it()
    {
        string Ten(string file) => string.Concat(Enumerable.Repeat($"- import_tasks: {file}\n", 10));
        _p.Dir.Write("tasks/a.yml", Ten("b.yml"));
        _p.Dir.Write("tasks/b.yml", Ten("c.yml"));
        _p.Dir.Write("tasks/c.yml", Ten("d.yml"));
        _p.Dir.Write("tasks/d.yml", string.Concat(Enumerable.Range(0, 11).Select(i => $"- package: {{ name: p{i} }}\n")));

        var errors = _p.Refused(Stage("- import_tasks: tasks/a.yml"));

        errors.ShouldHaveSingleItem().ShouldEndWith($": import_tasks: the playbook's imports bring in more than {Imports.MaxTasks} tasks — import each file fewer times: a file that imports another several times multiplies its tasks");
    }

    [Fact]
    public void Imports_nest_at_most_the_bound_deep()
    {
        for (var i = 0; i < Imports.MaxDepth; i++) _p.Dir.Write($"tasks/t{i}.yml", $"- import_tasks: t{i + 1}.yml\n");
        _p.Dir.Write($"tasks/t{Imports.MaxDepth}.yml", "- package: { name: a }\n");

        _p.Parse(Stage("- import_tasks: tasks/t1.yml")).Errors.ShouldBeEmpty();
        var errors = _p.Refused(Stage("- import_tasks: tasks/t0.yml"));

        errors.ShouldBe([$"{_p.PathOf($"tasks/t{Imports.MaxDepth - 1}.yml")}:1:17: import_tasks: imports nest more than {Imports.MaxDepth} deep — import the files side by side instead of each from the one before"]);
    }

    private string Error(string file, string content, string tasks, string handlers = "")
    {
        _p.Dir.Write(file, content);
        var errors = _p.Refused(Stage(tasks, handlers));
        return errors.ShouldHaveSingleItem();
    }
}
