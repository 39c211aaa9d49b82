using System.Text.RegularExpressions;
using Provisioner.Modules;
using Provisioner.Yaml;

namespace Provisioner.Playbooks;

/// <summary>
/// Reads one task: its keywords, and exactly one module key whose arguments are checked against the
/// module's <see cref="ArgSpec"/>. <see cref="TaskSpec.Module"/> is the key as written (a registered
/// name or alias), so an alias such as <c>apt</c> is not lost.
/// </summary>
internal sealed partial class TaskParser(ModuleRegistry modules)
{
    public static readonly string[] Keywords = ["name", "when", "loop", "notify", "register", "tags", "become", "changed_when", "failed_when", "touches", "vars"];

    /// <summary>Names the engine sets itself; registering (or a stage's or task's vars) over them would hide them.</summary>
    internal static readonly string[] ReservedNames = ["item", "facts", "host", "groups", "group_names", "inventory_hostname"];

    public TaskSpec? Parse(Node node, string what, Diagnostics d)
    {
        if (node is not MapNode map)
        {
            d.Add(node.Span, $"a {what} must be a mapping", "write '- name: ...' followed by one module key, e.g. 'package: { name: postfix }'");
            return null;
        }
        var before = d.Items.Count;
        var found = FindModule(map, what, d);
        var name = NodeRead.Text(map.Get("name"), "name", d);
        if (map.Get("name") is { } nameNode) TemplateCheck.Scalars(nameNode, d);
        var when = TemplateCheck.Condition(map.Get("when"), "when", d);
        var changedWhen = OverrideCondition(map, "changed_when", found?.Module, d);
        var failedWhen = OverrideCondition(map, "failed_when", found?.Module, d);
        var loop = Loop(map.Get("loop"), d);
        var notify = NodeRead.Scalars(map.Get("notify"), "notify", d).Select(s => s.Value).ToList();
        var tags = NodeRead.Scalars(map.Get("tags"), "tags", d).Select(s => s.Value).ToList();
        var become = NodeRead.Bool(map.Get("become"), "become", d);
        var register = Register(map.Get("register"), d);
        var touches = Touches(map.Get("touches"), d);
        var vars = ScopedVarsKey.Read(map.Get("vars"), d);
        if (found is not { } f) return null;

        var args = Arguments(f.Key, f.Module, f.Value, d);
        if (args is null || d.Items.Count > before) return null;
        return new TaskSpec(name ?? f.Key.Value, f.Key.Value, args, when, loop, notify, register, tags, changedWhen, failedWhen, become, map.Span)
        {
            Source = map,
            Touches = touches,
            ScopeVars = vars is null ? [] : [vars],
        };
    }

    private (ScalarNode Key, IModule Module, Node Value)? FindModule(MapNode map, string what, Diagnostics d)
    {
        (ScalarNode Key, IModule Module, Node Value)? found = null;
        var unknown = new List<ScalarNode>();
        foreach (var (key, value) in map.Entries)
        {
            if (Keywords.Contains(key.Value)) continue;
            if (modules.Find(key.Value) is not { } module) { unknown.Add(key); continue; }
            if (found is { } first)
                d.Add(key.Span, $"a {what} has one module, but this one has '{first.Key.Value}' and '{key.Value}'", "split it into two tasks, one module each");
            else
                found = (key, module, value);
        }
        foreach (var key in unknown) ReportUnknown(key, found is not null, d);
        if (found is null && unknown.Count == 0)
            d.Add(map.Span, $"this {what} has no module", $"add one module key, e.g. {string.Join(", ", modules.Names.Take(6))}: {{ ... }}");
        return found;
    }

    /// <summary>A key that is neither a keyword nor a module is a misspelling of whichever it is closer to.</summary>
    private void ReportUnknown(ScalarNode key, bool hasModule, Diagnostics d)
    {
        var keyword = Suggest.DidYouMean(key.Value, Keywords);
        var module = Suggest.DidYouMean(key.Value, modules.Names);
        var keywordCloser = keyword is not null && (module is null || Suggest.Distance(key.Value, keyword) <= Suggest.Distance(key.Value, module));
        if (keywordCloser || (module is null && hasModule))
            d.Add(key.Span, $"unknown task keyword '{key.Value}'", keyword is not null ? $"did you mean '{keyword}'?" : $"task keywords are: {string.Join(", ", Keywords)}");
        else
            d.Add(key.Span, $"unknown module '{key.Value}'", module is not null ? $"did you mean '{module}'?" : $"known modules: {string.Join(", ", modules.Names)}");
    }

    private static MapNode? Arguments(ScalarNode key, IModule module, Node value, Diagnostics d)
    {
        var spec = module.Spec;
        MapNode? args = value switch
        {
            MapNode m => m,
            ScalarNode { IsNull: true } s => MapNode.Empty(s.Span),
            ScalarNode s when spec.FreeForm is { } free => new MapNode([new(new ScalarNode(free, s.Span), s)], s.Span),
            _ => null,
        };
        if (args is null)
        {
            d.Add(value.Span, $"'{key.Value}' takes a mapping of arguments, not {NodeRead.Describe(value)}", $"write {key.Value}: {{ {string.Join(", ", spec.Args.Where(a => a.Required).Select(a => a.Name + ": ..."))} }}");
            return null;
        }
        ArgChecker.Check(key.Value, key, args, spec, d);
        module.Validate(args, d);
        TemplateCheck.Scalars(args, d);
        return args;
    }

    private string? OverrideCondition(MapNode map, string key, IModule? module, Diagnostics d)
    {
        if (map.KeyNode(key) is not { } keyNode) return null;
        if (module is { UserJudgesOutcome: false })
        {
            d.Add(keyNode.Span, $"'{key}' is not accepted for {module.Name} tasks", $"only {string.Join(", ", JudgedByTheUser())} tasks take it; other modules know whether they changed or failed");
            return null;
        }
        return TemplateCheck.Condition(map.Get(key), key, d);
    }

    private IEnumerable<string> JudgedByTheUser() => modules.Names.Where(n => modules.Find(n) is { UserJudgesOutcome: true } m && m.Name == n);

    private static Node? Loop(Node? node, Diagnostics d)
    {
        switch (node)
        {
            case null or ScalarNode { IsNull: true }: return null;
            case ListNode l: TemplateCheck.Scalars(l, d); return l;
            case ScalarNode s when Templating.TemplateEngine.IsTemplate(s.Value): TemplateCheck.Scalars(s, d); return s;
            default:
                d.Add(node.Span, $"'loop' must be a list or a template naming one, not {NodeRead.Describe(node)}", "write loop: [a, b] or loop: \"{{ list_var }}\"");
                return null;
        }
    }

    /// <summary>A list of absolute paths (templates allowed, rendered per host and loop item).</summary>
    private static Node? Touches(Node? node, Diagnostics d)
    {
        switch (node)
        {
            case null or ScalarNode { IsNull: true }: return null;
            case ListNode l when l.Items.All(i => i is ScalarNode):
                foreach (var item in l.Items.Cast<ScalarNode>().Where(i => !Templating.TemplateEngine.IsTemplate(i.Value) && !i.Value.StartsWith('/')))
                    d.Add(item.Span, $"'touches' takes absolute paths, not '{item.Value}'", "write the full path, e.g. /etc/aliases.db");
                TemplateCheck.Scalars(l, d);
                return l;
            default:
                d.Add(node.Span, $"'touches' must be a list of paths, not {NodeRead.Describe(node)}", "write touches: [/etc/aliases.db]");
                return null;
        }
    }

    private static string? Register(Node? node, Diagnostics d)
    {
        var name = NodeRead.Text(node, "register", d);
        if (name is null) return null;
        if (!Identifier().IsMatch(name))
            d.Add(node!.Span, $"'register' must be a variable name, not '{name}'", "use letters, digits and '_', starting with a letter, e.g. register: postfix_check");
        else if (ReservedNames.Contains(name))
            d.Add(node!.Span, $"'register: {name}' would hide the built-in variable '{name}'", "choose another name");
        else
            return name;
        return null;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();
}
