using Provisioner.Probes;
using Provisioner.Yaml;

namespace Provisioner.Playbooks;

/// <summary>Reads one verification probe: its keywords and exactly one probe kind with checked arguments.</summary>
internal sealed class ProbeParser(ProbeRegistry probes)
{
    public static readonly string[] Keywords = ["name", "when", "loop", "retries", "delay"];
    public const int DefaultRetries = 3;
    public static readonly TimeSpan DefaultDelay = TimeSpan.FromSeconds(2);

    public ProbeSpec? Parse(Node node, Diagnostics d)
    {
        if (node is not MapNode map)
        {
            d.Add(node.Span, "a verify entry must be a mapping", "write '- name: ...' followed by one probe, e.g. 'tcp: { port: 25 }'");
            return null;
        }
        var before = d.Items.Count;
        (ScalarNode Key, IProbe Probe, Node Value)? found = null;
        foreach (var (key, value) in map.Entries)
        {
            if (Keywords.Contains(key.Value)) continue;
            if (probes.Find(key.Value) is not { } probe)
            {
                var keyword = Suggest.DidYouMean(key.Value, Keywords);
                var kind = Suggest.DidYouMean(key.Value, probes.Names);
                if (keyword is not null && kind is null)
                    d.Add(key.Span, $"unknown verify keyword '{key.Value}'", $"did you mean '{keyword}'?");
                else
                    d.Add(key.Span, $"unknown probe kind '{key.Value}'", kind is not null ? $"did you mean '{kind}'?" : $"known probes: {string.Join(", ", probes.Names)}");
                continue;
            }
            if (found is { } first) d.Add(key.Span, $"a verify entry has one probe, but this one has '{first.Key.Value}' and '{key.Value}'", "split it into two entries");
            else found = (key, probe, value);
        }
        if (found is null && d.Items.Count == before)
            d.Add(map.Span, "this verify entry has no probe", $"add one of: {string.Join(", ", probes.Names)}");

        var name = NodeRead.Text(map.Get("name"), "name", d);
        var when = TemplateCheck.Condition(map.Get("when"), "when", d);
        var retries = NodeRead.Int(map.Get("retries"), "retries", d) ?? DefaultRetries;
        var delay = NodeRead.Int(map.Get("delay"), "delay", d) is { } s ? TimeSpan.FromSeconds(s) : DefaultDelay;
        var loop = map.Get("loop");
        if (loop is not null) TemplateCheck.Scalars(loop, d);
        if (found is not { } f) return null;

        if (f.Value is not MapNode args)
        {
            if (f.Value is ScalarNode { IsNull: true } n) args = MapNode.Empty(n.Span);
            else
            {
                d.Add(f.Value.Span, $"'{f.Key.Value}' takes a mapping of arguments, not {NodeRead.Describe(f.Value)}", $"write {f.Key.Value}: {{ ... }}");
                return null;
            }
        }
        ArgChecker.Check(f.Key.Value, f.Key, args, f.Probe.Spec, d);
        f.Probe.Validate(args, d);
        TemplateCheck.Scalars(args, d);
        if (d.Items.Count > before) return null;
        return new ProbeSpec(name ?? f.Key.Value, f.Key.Value, args, when, loop is ScalarNode { IsNull: true } ? null : loop, retries, delay, map.Span) { Source = map };
    }
}
