using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Provisioner.Inventories;
using Provisioner.Templating;
using Provisioner.Variables;
using Provisioner.Yaml;

namespace Provisioner.Cli;

/// <summary>
/// What provision read from an inventory, in the shapes <c>ansible-inventory</c> prints (<c>--list</c>,
/// <c>--host</c>, <c>--graph</c>), so the two can be diffed. Host variables are the inventory's alone —
/// groups, group_vars, host vars, host_vars — unrendered, as Ansible shows them.
/// </summary>
public sealed class InventoryDump(Inventory inventory, SecretSet secrets)
{
    private readonly HostVarsBuilder _vars = new(inventory, [], secrets);

    /// <summary><c>--list</c>: each group's own hosts and children from <c>all</c> down, empty ones left out, and <c>_meta.hostvars</c>.</summary>
    public JsonObject List()
    {
        var result = new JsonObject();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Group(InventoryGroup group)
        {
            var entry = new JsonObject();
            if (group.Name != Inventory.AllGroup && group.Hosts.Count > 0) entry["hosts"] = Strings(group.Hosts);
            if (group.Children.Count > 0) entry["children"] = Strings(group.Children);
            foreach (var child in group.Children.Select(inventory.FindGroup).OfType<InventoryGroup>())
                if (seen.Add(child.Name)) Group(child);
            if (entry.Count > 0) result[group.Name] = entry;
        }
        Group(inventory.FindGroup(Inventory.AllGroup)!);
        var hostVars = new JsonObject();
        foreach (var host in inventory.Hosts)
            if (Host(host) is { Count: > 0 } vars) hostVars[host.Name] = vars;
        result["_meta"] = new JsonObject { ["hostvars"] = hostVars };
        return result;
    }

    /// <summary><c>--host NAME</c>: the host's variables from the inventory.</summary>
    public JsonObject Host(InventoryHost host)
    {
        var vars = Vars.Empty(secrets);
        foreach (var layer in _vars.InventoryLayers(host)) vars = vars.Merge(Vars.LayerFrom(layer.Values, secrets));
        return (JsonObject)ToJson(vars.Values.ToDictionary(v => v.Key, v => v.Value))!;
    }

    /// <summary><c>--graph [GROUP]</c>: the group tree with each group's own hosts, children first.</summary>
    public string Graph(InventoryGroup top)
    {
        var lines = new List<string>();
        void Walk(InventoryGroup group, int depth)
        {
            lines.Add(Indent($"@{group.Name}:", depth));
            foreach (var child in group.Children.Select(inventory.FindGroup).OfType<InventoryGroup>()) Walk(child, depth + 1);
            if (group.Name != Inventory.AllGroup)
                foreach (var host in group.Hosts) lines.Add(Indent(host, depth + 1));
        }
        Walk(top, 0);
        return string.Join('\n', lines);
    }

    private static string Indent(string name, int depth) => depth == 0 ? name : string.Concat(Enumerable.Repeat("  |", depth)) + "--" + name;

    /// <summary>As Ansible writes it: keys sorted, four-space indent, text as it is; secrets masked.</summary>
    public string Write(JsonNode node)
    {
        var options = new JsonWriterOptions { Indented = true, IndentSize = 4, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, options)) Sorted(node)!.WriteTo(writer);
        return secrets.Mask(Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Sorted).ToArray()),
        _ => node?.DeepClone(),
    };

    private static JsonArray Strings(IEnumerable<string> items) => new(items.Select(i => (JsonNode?)JsonValue.Create(i)).ToArray());

    private static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        long l => JsonValue.Create(l),
        // A float as Python writes it (1000.0, 1.1), whatever digits the YAML had.
        decimal m => JsonNode.Parse(PythonFloat.Repr((double)m)),
        IReadOnlyDictionary<string, object?> m => new JsonObject(m.Select(p => KeyValuePair.Create(p.Key, ToJson(p.Value)))),
        IDictionary<string, object?> m => new JsonObject(m.Select(p => KeyValuePair.Create(p.Key, ToJson(p.Value)))),
        IEnumerable<object?> l => new JsonArray(l.Select(ToJson).ToArray()),
        IFormattable f => JsonValue.Create(f.ToString(null, CultureInfo.InvariantCulture)),
        _ => JsonValue.Create(value.ToString()),
    };
}
