using Provisioner.Modules;
using Provisioner.Probes;
using Provisioner.Yaml;

namespace Provisioner.Playbooks;

/// <summary>
/// Parses a playbook file into <see cref="Playbook"/>, reporting every problem at once with its
/// file:line:column. Returns null when anything is wrong, so a returned playbook is always whole.
/// Nothing here needs a host: templates are checked for syntax only (see <see cref="Execution.PlaybookValidator"/>).
/// </summary>
public sealed class PlaybookParser(ModuleRegistry modules, ProbeRegistry probes)
{
    public static readonly string[] PlayKeys = ["name", "hosts", "become", "defaults", "defaults_files", "vars_files", "vars", "required_vars", "stages", "tasks", "handlers", "verify"];

    private readonly StageParser _stages = new(new TaskParser(modules), new ProbeParser(probes));

    public static Playbook? Parse(string path, ModuleRegistry modules, ProbeRegistry probes, Diagnostics d, Vault.VaultKeys? vault = null) =>
        new PlaybookParser(modules, probes).Parse(path, d, vault);

    public Playbook? Parse(string path, Diagnostics d, Vault.VaultKeys? vault = null)
    {
        var before = d.Items.Count;
        var root = YamlLoader.LoadFile(path, d, vault: vault);
        return root is null ? null : FromNode(root, path, Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", before, d);
    }

    public Playbook? ParseText(string text, string file, string baseDirectory, Diagnostics d)
    {
        var before = d.Items.Count;
        var root = YamlLoader.LoadText(text, file, d);
        return root is null ? null : FromNode(root, file, baseDirectory, before, d);
    }

    private Playbook? FromNode(Node root, string file, string baseDirectory, int before, Diagnostics d)
    {
        if (root is not ListNode list)
        {
            d.Add(root.Span, "a playbook must be a list of plays", "start each play with '- name: ...' and 'hosts: ...'");
            return null;
        }
        var plays = list.Items.Select((p, i) => Play(p, baseDirectory, d) is { } play ? play with { Number = i + 1 } : null).OfType<Play>().ToList();
        return d.Items.Count > before ? null : new Playbook(file, baseDirectory, plays);
    }

    private Play? Play(Node node, string baseDirectory, Diagnostics d)
    {
        if (node is not MapNode map)
        {
            d.Add(node.Span, "a play must be a mapping", "write '- name: ...' with hosts: and stages: under it");
            return null;
        }
        NodeRead.UnknownKeys(map, PlayKeys, "play", d);
        var hosts = NodeRead.Text(map.Get("hosts"), "hosts", d);
        if (hosts is null && map.Get("hosts") is null or ScalarNode { IsNull: true })
            d.Add(map.Span, "this play has no 'hosts'", "add hosts: PATTERN (a group or host of the inventory, or all)");
        var name = NodeRead.Text(map.Get("name"), "name", d) ?? hosts ?? "play";
        var become = NodeRead.Bool(map.Get("become"), "become", d);
        var varsFiles = VarsFiles(map.Get("vars_files"), baseDirectory, d);
        var vars = Vars(map.Get("vars"), map.Span, d);
        var required = RequiredVars(map.Get("required_vars"), d);
        var stages = Stages(map, name, d);
        return new Play(name, hosts ?? "", varsFiles, vars, stages, become, map.Span)
        {
            Source = map,
            RequiredVars = required,
            Defaults = Vars(map.Get("defaults"), map.Span, d, "defaults"),
            DefaultsFiles = VarsFiles(map.Get("defaults_files"), baseDirectory, d, "defaults_files"),
        };
    }

    private static List<VarsFileRef> VarsFiles(Node? node, string baseDirectory, Diagnostics d, string key = "vars_files")
    {
        var refs = new List<VarsFileRef>();
        foreach (var item in NodeRead.Scalars(node, key, d))
        {
            refs.Add(new VarsFileRef(item.Value, item.Span));
            if (!Templating.TemplateEngine.IsTemplate(item.Value) && !File.Exists(Path.Combine(baseDirectory, item.Value)))
                d.Add(item.Span, $"vars file '{item.Value}' not found (looked for {Path.Combine(baseDirectory, item.Value)})", $"{key} are relative to the playbook's directory");
        }
        return refs;
    }

    private static MapNode Vars(Node? node, SourceSpan playSpan, Diagnostics d, string key = "vars")
    {
        switch (node)
        {
            case null or ScalarNode { IsNull: true }: return MapNode.Empty(node?.Span ?? playSpan);
            case MapNode m: TemplateCheck.Scalars(m, d); return m;
            default:
                d.Add(node.Span, $"'{key}' must be a mapping, not {NodeRead.Describe(node)}", $"write {key}: {{ name: value }}");
                return MapNode.Empty(node.Span);
        }
    }

    /// <summary>required_vars: { NAME: "where to define it", … }</summary>
    private static IReadOnlyList<RequiredVar> RequiredVars(Node? node, Diagnostics d)
    {
        switch (node)
        {
            case null or ScalarNode { IsNull: true }: return [];
            case MapNode m:
                var required = new List<RequiredVar>();
                foreach (var (key, value) in m.Entries)
                {
                    if (value is ScalarNode { IsNull: false } fix) required.Add(new RequiredVar(key.Value, fix.Value, key.Span));
                    else d.Add(value.Span, $"required_vars: '{key.Value}' needs the text shown when it is missing", $"write {key.Value}: \"put it in …\"");
                }
                return required;
            default:
                d.Add(node.Span, $"'required_vars' must be a mapping, not {NodeRead.Describe(node)}", "write required_vars: { name: \"where to define it\" }");
                return [];
        }
    }

    private IReadOnlyList<Stage> Stages(MapNode map, string playName, Diagnostics d)
    {
        var stagesNode = map.Get("stages");
        var flat = new[] { "tasks", "handlers", "verify" }.Select(map.KeyNode).OfType<ScalarNode>().ToList();
        if (stagesNode is not null && flat.Count > 0)
        {
            d.Add(flat[0].Span, $"a play has either stages: or {flat[0].Value}:, not both", $"move {flat[0].Value}: into one of the stages");
            return [];
        }
        // A play without stages is one stage named after the play, so plain Ansible-style plays work.
        if (stagesNode is null)
        {
            if (flat.Count == 0) d.Add(map.Span, "this play has no stages", "add stages: with '- name: STAGE' and tasks: under each (or tasks: directly)");
            return flat.Count == 0 ? [] : [_stages.Build(playName, 1, map, RollbackPackages.Remove, d)];
        }
        if (stagesNode is not ListNode list)
        {
            d.Add(stagesNode.Span, $"'stages' must be a list, not {NodeRead.Describe(stagesNode)}", "start each stage with '- name: STAGE'");
            return [];
        }
        var stages = new List<Stage>();
        var seen = new Dictionary<string, SourceSpan>();
        for (var i = 0; i < list.Items.Count; i++)
        {
            if (_stages.Parse(list.Items[i], i + 1, d) is not { } stage) continue;
            var nameSpan = (list.Items[i] as MapNode)?.Get("name")?.Span ?? stage.Span;
            if (seen.TryGetValue(stage.Name, out var first))
                d.Add(nameSpan, $"stage name '{stage.Name}' is already used at {first}", "give each stage a distinct name (--stage and the journal refer to stages by name)");
            else seen[stage.Name] = nameSpan;
            stages.Add(stage);
        }
        return stages;
    }
}
