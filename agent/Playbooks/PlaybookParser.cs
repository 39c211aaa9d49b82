using Provisioner.Modules;
using Provisioner.Probes;
using Provisioner.Yaml;

namespace Provisioner.Playbooks;

/// <summary>
/// Parses a playbook file into <see cref="Playbook"/>, reporting every problem at once with its
/// file:line:column. Returns null when anything is wrong, so a returned playbook is always whole.
/// Nothing here needs a host: templates are checked for syntax only (see <see cref="Execution.PlaybookValidator"/>).
/// Files that import_tasks and import_stage name are read here too, so a playbook's tasks are all
/// known before the run, as with Ansible's static imports.
/// </summary>
public sealed class PlaybookParser(ModuleRegistry modules, ProbeRegistry probes)
{
    public static readonly string[] PlayKeys = ["name", "hosts", "become", "defaults", "defaults_files", "vars_files", "vars", "required_vars", "stages", "tasks", "handlers", "verify"];

    public static Playbook? Parse(string path, ModuleRegistry modules, ProbeRegistry probes, Diagnostics d, Vault.VaultKeys? vault = null) =>
        new PlaybookParser(modules, probes).Parse(path, d, vault);

    public Playbook? Parse(string path, Diagnostics d, Vault.VaultKeys? vault = null)
    {
        var before = d.Items.Count;
        var root = YamlLoader.LoadFile(path, d, vault: vault);
        return root is null ? null : FromNode(root, path, Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", vault, before, d);
    }

    public Playbook? ParseText(string text, string file, string baseDirectory, Diagnostics d)
    {
        var before = d.Items.Count;
        var root = YamlLoader.LoadText(text, file, d);
        return root is null ? null : FromNode(root, file, baseDirectory, null, before, d);
    }

    /// <summary>The readers of one parse, which share what its imports have read.</summary>
    private sealed record Readers(StageParser Stage, StageList Stages, ImportChain Chain);

    private Playbook? FromNode(Node root, string file, string baseDirectory, Vault.VaultKeys? vault, int before, Diagnostics d)
    {
        if (root is not ListNode list)
        {
            d.Add(root.Span, "a playbook must be a list of plays", "start each play with '- name: ...' and 'hosts: ...'");
            return null;
        }
        var imports = new Imports(baseDirectory, vault);
        var stage = new StageParser(new TaskParser(modules), new ProbeParser(probes), new TaskImports(imports, modules));
        var readers = new Readers(stage, new StageList(stage, new StageImports(imports)), ImportChain.Of(file, baseDirectory));
        var found = new Diagnostics();
        var plays = list.Items.Select((p, i) => Play(p, baseDirectory, readers, found) is { } play ? play with { Number = i + 1 } : null).OfType<Play>().ToList();
        TellOnce(found, d);
        return d.Items.Count > before ? null : new Playbook(file, baseDirectory, plays) { ImportedFiles = imports.Files };
    }

    /// <summary>A file imported twice is read twice: what is wrong in it is the same problem, told once.</summary>
    private static void TellOnce(Diagnostics found, Diagnostics d)
    {
        foreach (var problem in found.Distinct()) d.Add(problem.Span, problem.Message, problem.Fix);
        foreach (var w in found.Warnings) d.Warn(w.Span, w.Message, w.Fix);
        foreach (var n in found.Notes) d.Note(n.Span, n.Message, n.Fix);
    }

    private static Play? Play(Node node, string baseDirectory, Readers readers, Diagnostics d)
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
        var stages = Stages(map, name, readers, d);
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

    private static MapNode Vars(Node? node, SourceSpan playSpan, Diagnostics d, string key = "vars") =>
        NodeRead.Vars(node, key, d) ?? MapNode.Empty(node?.Span ?? playSpan);

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

    private static IReadOnlyList<Stage> Stages(MapNode map, string playName, Readers readers, Diagnostics d)
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
            return flat.Count == 0 ? [] : [readers.Stage.Build(playName, 1, map, RollbackPackages.Remove, [], readers.Chain, d)];
        }
        if (stagesNode is not ListNode list)
        {
            d.Add(stagesNode.Span, $"'stages' must be a list, not {NodeRead.Describe(stagesNode)}", "start each stage with '- name: STAGE'");
            return [];
        }
        return readers.Stages.Parse(list, readers.Chain, d);
    }
}
