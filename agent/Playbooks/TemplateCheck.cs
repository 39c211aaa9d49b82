using Provisioner.Templating;
using Provisioner.Yaml;

namespace Provisioner.Playbooks;

/// <summary>Liquid syntax checks that need no variables, so they run once at parse time.</summary>
internal static class TemplateCheck
{
    /// <summary>Checks every template scalar inside a value.</summary>
    public static void Scalars(Node node, Diagnostics d)
    {
        switch (node)
        {
            case ScalarNode s when TemplateEngine.IsTemplate(s.Value):
                if (TemplateEngine.Check(s.Value) is { } problem)
                {
                    if (s.Secret) problem = problem.InSecret();
                    d.Add(s.Span, problem.Message, problem.Fix);
                }
                break;
            case ListNode l:
                foreach (var i in l.Items) Scalars(i, d);
                break;
            case MapNode m:
                foreach (var e in m.Entries) Scalars(e.Value, d);
                break;
        }
    }

    /// <summary>A condition (when, changed_when, failed_when) as Liquid evaluates it.</summary>
    public static string AsTemplate(string expression) => "{% if " + expression + " %}1{% else %}0{% endif %}";

    /// <summary>
    /// Reads a condition: text, or a list of texts that must all hold (joined with 'and', as Ansible
    /// users write them). Returns null when absent or malformed.
    /// </summary>
    public static string? Condition(Node? node, string key, Diagnostics d)
    {
        if (node is null || node is ScalarNode { IsNull: true }) return null;
        var parts = NodeRead.Scalars(node, key, d);
        if (parts.Count == 0) return null;
        var ok = true;
        foreach (var part in parts)
        {
            if (TemplateEngine.IsTemplate(part.Value))
            {
                d.Add(part.Span, $"'{key}' is a bare condition and must not contain '{{{{' or '{{%'", $"write {key}: x == \"y\" without the braces");
                ok = false;
            }
            else if (TemplateEngine.Check(AsTemplate(part.Value)) is { } problem)
            {
                d.Add(part.Span, $"'{key}' is not a valid condition: {problem.Message}",
                    problem.Fix == TemplateProblem.SyntaxFix ? "write a Liquid condition such as facts.os_family == \"redhat\" or result.rc != 0" : problem.Fix);
                ok = false;
            }
        }
        return ok ? string.Join(" and ", parts.Select(p => p.Value)) : null;
    }
}
