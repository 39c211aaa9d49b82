using Provisioner.Modules;
using Provisioner.Yaml;

namespace Provisioner.Playbooks;

/// <summary>
/// Expands a tasks: or handlers: list: an <c>import_tasks: FILE</c> entry is replaced, where it stands,
/// by the tasks of FILE — read with the playbook, as Ansible's static import is, from the directory of
/// the file that holds the entry. The entry's vars, when and tags go with each task it brings.
/// </summary>
internal sealed class TaskImports(Imports imports, ModuleRegistry modules)
{
    public const string Key = "import_tasks";
    public static readonly string[] Keys = [Key, "name", "vars", "when", "tags"];

    public IReadOnlyList<TaskEntry> Expand(IReadOnlyList<Node> items, ImportScope scope, ImportChain chain, Diagnostics d)
    {
        var entries = new List<TaskEntry>();
        foreach (var item in items)
        {
            if (item is MapNode include && include.KeyNode("include_tasks") is { } dynamic)
                d.Add(dynamic.Span, "include_tasks is not supported: provision reads every task before the run",
                    "write import_tasks: FILE (read with the playbook; its when: applies to each task)");
            else if (item is MapNode map && map.Get(Key) is { } file)
                entries.AddRange(Import(map, file, scope, chain, d));
            else
                entries.Add(new TaskEntry(item, scope));
        }
        return entries;
    }

    private IReadOnlyList<TaskEntry> Import(MapNode entry, Node file, ImportScope scope, ImportChain chain, Diagnostics d)
    {
        NodeRead.UnknownKeys(entry, Keys, Key, d, Elsewhere);
        NodeRead.Text(entry.Get("name"), "name", d); // a label, as in Ansible: shown nowhere
        var when = TemplateCheck.Condition(entry.Get("when"), "when", d) is { } condition ? new InheritedWhen(condition, entry.Get("when")!.Span) : null;
        var inner = scope.Inner(ScopedVarsKey.Read(entry.Get("vars"), d), when, NodeRead.Scalars(entry.Get("tags"), "tags", d).Select(t => t.Value));
        if (file is not ScalarNode { IsNull: false } path)
        {
            d.Add(file.Span, $"'{Key}' takes the path of a file, not {NodeRead.Describe(file)}", $"write {Key}: tasks/FILE.yml");
            return [];
        }
        if (imports.Open(Key, path, chain, d) is not { } opened || Tasks(opened.Root, d) is not { } tasks) return [];
        return imports.Bring(tasks.Items.Count(i => !IsImport(i)), Key, path, d) ? Expand(tasks.Items, inner, opened.Chain, d) : [];
    }

    private static ListNode? Tasks(Node root, Diagnostics d)
    {
        if (Imports.Empty(Key, root, "write its tasks as a list ('- name: ...'), or remove the import", d)) return null;
        if (root is ListNode list) return list;
        d.Add(root.Span, $"a file for {Key} must be a list of tasks, not {NodeRead.Describe(root)}",
            root is MapNode m && (m.Get("tasks") is not null || m.Get("handlers") is not null)
                ? "this file holds a stage: import it with '- import_stage: FILE' in a play's stages:"
                : "start each task with '- name: ...'");
        return null;
    }

    private static bool IsImport(Node item) => item is MapNode m && m.Get(Key) is not null;

    private string Elsewhere(string key)
    {
        var takes = $"{Key} takes {string.Join(", ", Keys)}";
        if (TaskParser.Keywords.Contains(key)) return $"{takes}; write {key}: on the tasks inside the file";
        return modules.Find(key) is not null ? $"{takes}; a task has either a module or {Key}: split it into two entries" : takes;
    }
}
