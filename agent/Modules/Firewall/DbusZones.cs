using System.Text.Json;
using Provisioner.Reads;

namespace Provisioner.Modules.Firewall;

/// <summary>
/// The D-Bus half of firewalld-read.sh: <c>busctl --json=short</c> answers of getZoneSettings2
/// (runtime) and the permanent zone objects' getSettings2, one section per zone, read into the same
/// <see cref="ZoneListing"/>s as firewall-cmd's listings. A key firewalld leaves out is empty.
/// </summary>
public static class DbusZones
{
    public const string Default = "dbus-default";
    public const string Runtime = "dbus-runtime ";
    public const string Permanent = "dbus-permanent ";

    public static bool Present(MarkedSections sections) => sections.Has(Default);

    public static (ZoneListing Permanent, ZoneListing Runtime) Parse(MarkedSections sections)
    {
        var defaultZone = Data(sections.Text(Default)) is { ValueKind: JsonValueKind.String } z ? z.GetString() : null;
        ZoneListing Listing(string prefix) => new ZoneListing(sections.Names
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Select(n => (n[prefix.Length..], Settings(sections.Text(n))))
            .ToList()) { DefaultZone = defaultZone };
        return (Listing(Permanent), Listing(Runtime));
    }

    /// <summary>One zone's a{sv} settings: every value is {"type": SIG, "data": VALUE}.</summary>
    public static ZoneConfig Settings(string json)
    {
        var data = Data(json);
        JsonElement? Value(string key) =>
            data.ValueKind == JsonValueKind.Object && data.TryGetProperty(key, out var v) ? v.GetProperty("data") : null;
        IReadOnlySet<string> Strings(string key) =>
            (Value(key)?.EnumerateArray().Select(e => e.GetString() ?? "") ?? []).ToHashSet(StringComparer.Ordinal);
        // a(ss): [port or range, protocol] → "587/tcp", as firewall-cmd prints it.
        var ports = (Value("ports")?.EnumerateArray().Select(p => $"{p[0].GetString()}/{p[1].GetString()}") ?? [])
            .ToHashSet(StringComparer.Ordinal);
        return new ZoneConfig(Strings("interfaces"), Strings("sources"), Strings("services"), ports, Strings("rules_str"))
        {
            Target = Value("target")?.GetString() ?? "default",
        };
    }

    /// <summary>The first (only) out-argument of a busctl call; a missing or malformed answer fails the read.</summary>
    private static JsonElement Data(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.GetProperty("data")[0].Clone();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
        {
            throw new Files.RemoteReadException($"could not read firewalld's D-Bus answer ({e.Message}): {Excerpt(json)}");
        }
    }

    private static string Excerpt(string s) => s.Length <= 200 ? s : s[..200] + "…";
}
