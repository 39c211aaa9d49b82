using Provisioner.Modules;
using Provisioner.Yaml;

namespace Provisioner.Probes;

/// <summary>Argument definitions and readers every network probe shares, so the same key means the same thing everywhere.</summary>
internal static class ProbeArgs
{
    public const int DefaultTimeoutSeconds = 10;

    public static ArgDef Host => new("host", ArgType.String, Required: true, Help: "address or name the controller connects to");
    public static ArgDef Port => new("port", ArgType.Port, Required: true);
    public static ArgDef Timeout => new("timeout", ArgType.Int, Help: "seconds before the probe gives up (default 10)");
    public static ArgDef CaFile => new("ca_file", ArgType.String, Help: "PEM file of the only CA the chain may end at");
    public static ArgDef ServerName => new("server_name", ArgType.String, Help: "TLS SNI and the name the certificate must carry (default: host)");
    public static ArgDef SourceAddress => new("source_address", ArgType.String, Help: "local IP the connection leaves from");

    public static TimeSpan ReadTimeout(ArgReader r, int fallbackSeconds = DefaultTimeoutSeconds)
    {
        var seconds = r.Int("timeout", fallbackSeconds);
        if (seconds > 0) return TimeSpan.FromSeconds(seconds);
        r.Diagnostics.Add(r.Args.Get("timeout")?.Span ?? r.Span, $"'timeout' must be a positive number of seconds, not {seconds}", "write timeout: 10");
        return TimeSpan.FromSeconds(fallbackSeconds);
    }

    public static int ReadPort(ArgReader r, string name = "port", int? fallback = null)
    {
        if (!r.Has(name) && fallback is { } f) return f;
        if (!r.Has(name))
        {
            r.Diagnostics.Add(r.Span, $"missing required argument '{name}'", $"add {name}: 25");
            return 0;
        }
        var port = r.Int(name, 0);
        if (port is < 1 or > 65535)
            r.Diagnostics.Add(r.Args.Get(name)!.Span, $"'{name}' must be a TCP port (1-65535), not {port}", $"write {name}: 25");
        return port;
    }

    public static string? ReadSource(ArgReader r)
    {
        var source = r.Str("source_address");
        if (!ProbeSocket.IsValidSource(source))
            r.Diagnostics.Add(r.Args.Get("source_address")!.Span, $"'source_address' must be an IP address of this machine, not '{source}'", "write source_address: 192.0.2.10");
        return ProbeSocket.IsValidSource(source) ? source : null;
    }

    /// <summary>ca_file is read on the controller, relative to the playbook like every other local path.</summary>
    public static string? ReadCaFile(ArgReader r) =>
        r.Str("ca_file") is { Length: > 0 } p ? Path.GetFullPath(p, Path.GetFullPath(r.BaseDirectory)) : null;

    /// <summary>A nested mapping (expect, send, …) read with the same typed accessors as the top level.</summary>
    public static ArgReader Nested(ArgReader r, MapNode map) => new(map, r.Diagnostics) { BaseDirectory = r.BaseDirectory };

    /// <summary>Parse-time check of a nested mapping's keys, since ArgSpec only describes the top level.</summary>
    public static void CheckKeys(Node? node, string path, IReadOnlyList<string> allowed, Diagnostics d)
    {
        if (node is not MapNode map) return;
        foreach (var key in map.Entries.Select(e => e.Key).Where(k => !allowed.Contains(k.Value)))
            d.Add(key.Span, $"unknown key '{key.Value}' in {path}",
                Suggest.DidYouMean(key.Value, allowed) is { } s ? $"did you mean '{s}'?" : $"use one of {string.Join(", ", allowed)}");
    }

    public static ProbeOutcome? InvalidSince(ArgReader r, int before) => r.Diagnostics.Items.Count > before
        ? ProbeOutcome.Fail("valid arguments", string.Join("; ", r.Diagnostics.Items.Skip(before)))
        : null;
}
