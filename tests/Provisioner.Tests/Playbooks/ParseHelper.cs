using Provisioner.Playbooks;
using Provisioner.Yaml;

namespace Provisioner.Tests.Playbooks;

/// <summary>Writes a playbook to a temp dir, parses it with the fake registries and returns what was reported.</summary>
internal sealed class ParseHelper : IDisposable
{
    public TempDir Dir { get; } = new();
    public string File => System.IO.Path.Combine(Dir.Path, "site.yml");

    /// <summary>The full path of a file written beside the playbook, as errors name it.</summary>
    public string PathOf(string relative) => System.IO.Path.Combine(Dir.Path, relative);

    public (Playbook? Playbook, IReadOnlyList<string> Errors) Parse(string yaml)
    {
        Dir.Write("site.yml", yaml);
        var d = new Diagnostics();
        var playbook = PlaybookParser.Parse(File, Fakes.Modules(), Fakes.Probes(), d);
        return (playbook, d.Items.Select(i => i.ToString()).ToList());
    }

    /// <summary>Parses what must be refused (no playbook comes back) and returns the problems told.</summary>
    public IReadOnlyList<string> Refused(string yaml)
    {
        var (playbook, errors) = Parse(yaml);
        playbook.ShouldBeNull();
        return errors;
    }

    /// <summary>Parses and asserts that exactly one problem was reported, starting with file:line:column.</summary>
    public string Single(string yaml, int line, int column)
    {
        var (playbook, errors) = Parse(yaml);
        playbook.ShouldBeNull();
        errors.Count.ShouldBe(1, string.Join("\n", errors));
        errors[0].ShouldStartWith($"{File}:{line}:{column}: ");
        return errors[0][$"{File}:{line}:{column}: ".Length..];
    }

    /// <summary>One task inside a standard play and stage; the task's first key is at line 6, column 11.</summary>
    public static string Task(string task) => """
        - name: mail
          hosts: mail
          stages:
            - name: smtp
              tasks:
        """ + "\n" + string.Join("\n", task.ReplaceLineEndings("\n").Split('\n').Select((l, i) => (i == 0 ? "        - " : "          ") + l)) + "\n";

    public void Dispose() => Dir.Dispose();
}
