using Provisioner.Journal;
using Provisioner.Playbooks;
using Provisioner.Templating;
using Provisioner.Yaml;

namespace Provisioner.Execution;

/// <summary>A task's <c>touches:</c> for one host and loop item: paths the journal records with the task.</summary>
public static class TaskTouches
{
    public static IReadOnlyList<JournalItem> Render(TaskSpec task, Vars vars, Diagnostics d)
    {
        if (task.Touches is null) return [];
        if (NodeRenderer.Render(task.Touches, vars, d) is not ListNode list || d.HasErrors) return [];
        var items = new List<JournalItem>();
        foreach (var path in list.Items.OfType<ScalarNode>())
        {
            if (path.Value.StartsWith('/')) items.Add(new JournalFile(path.Value));
            else d.Add(path.Span, $"'touches' takes absolute paths, not '{path.Value}'", "write the full path, e.g. /etc/aliases.db");
        }
        return items;
    }
}
