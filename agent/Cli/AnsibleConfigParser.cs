using System.Globalization;
using System.Text.RegularExpressions;
using Provisioner.Yaml;

namespace Provisioner.Cli;

/// <summary>
/// Reads ansible.cfg as Ansible's configparser does: <c>[section]</c> headers, <c>key = value</c> or
/// <c>key: value</c> (keys in any case), whole-line <c>#</c> and <c>;</c> comments, <c>;</c> after
/// white space ending a value, indented lines continuing the one above, surrounding quotes taken off.
/// A line configparser refuses (no section yet, no delimiter, a key or section given twice) is an error
/// here too. Keys provision does not act on are notes at -v, never errors and never silently dropped.
/// </summary>
public static partial class AnsibleConfigParser
{
    private sealed record Entry(string Section, string Key, string Value, int Line);

    private const string Defaults = "defaults";
    private const string PrivilegeEscalation = "privilege_escalation";

    private static readonly HashSet<(string Section, string Key)> Known =
    [
        (Defaults, "inventory"), (Defaults, "remote_user"), (Defaults, "private_key_file"), (Defaults, "forks"),
        (Defaults, "vault_password_file"), (Defaults, "vault_identity_list"), (Defaults, "host_key_checking"), (PrivilegeEscalation, "become"),
    ];

    /// <param name="home">The home directory a leading <c>~</c> stands for.</param>
    public static AnsibleConfig Parse(string file, string text, string? home, Diagnostics d)
    {
        var entries = Entries(file, text, d);
        if (d.HasErrors) return AnsibleConfig.None with { File = file };
        var directory = Path.GetDirectoryName(Path.GetFullPath(file))!;
        string PathOf(string value) => ResolvePath(value, directory, home);
        var config = new AnsibleConfig(file);
        foreach (var e in entries)
        {
            var at = new SourceSpan(file, e.Line, 1);
            var value = Unquote(e.Value);
            config = config with { Lines = config.Lines.SetItem(e.Key, at) };
            if (!Known.Contains((e.Section, e.Key)))
            {
                d.Note(at, $"[{e.Section}] {e.Key} is not read by provision: it changes nothing here");
                continue;
            }
            config = e.Key switch
            {
                "inventory" => config with { Inventory = List(value).Select(PathOf).ToList() },
                "remote_user" => config with { RemoteUser = value.Length == 0 ? null : value },
                "private_key_file" => config with { PrivateKeyFile = value.Length == 0 ? null : PathOf(value) },
                "forks" => config with { Forks = Forks(value, at, d) },
                "vault_password_file" => config with { VaultPasswordFile = value.Length == 0 ? null : PathOf(value) },
                "vault_identity_list" => config with { VaultIdentityList = List(value) },
                "host_key_checking" => config with { HostKeyChecking = Boolean(e.Key, value, at, d) },
                "become" => config with { Become = Boolean(e.Key, value, at, d) },
                _ => config,
            };
            if (e.Key == "host_key_checking" && config.HostKeyChecking == false)
                d.Note(at, "host_key_checking = False: a host key not yet known is trusted and recorded, as --accept-new-host-keys does; a changed key is still refused");
        }
        return config;
    }

    private static List<Entry> Entries(string file, string text, Diagnostics d)
    {
        var entries = new List<Entry>();
        var sections = new HashSet<string>(StringComparer.Ordinal);
        string? section = null;
        int? keyIndent = null; // the indent of the key an indented line continues
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var raw = lines[i];
            var at = new SourceSpan(file, i + 1, 1);
            var trimmed = raw.Trim();
            if (trimmed.StartsWith('#') || trimmed.StartsWith(';')) continue;
            var indent = raw.Length - raw.TrimStart().Length;
            var line = StripInlineComment(trimmed);
            if (line.Length == 0) continue;
            if (indent > keyIndent)
            {
                var last = entries[^1];
                entries[^1] = last with { Value = last.Value.Length == 0 ? line : last.Value + "\n" + line };
                continue;
            }
            keyIndent = null;
            if (line.StartsWith('[') && line.EndsWith(']') && line.Length > 2)
            {
                section = line[1..^1];
                if (!sections.Add(section)) d.Add(at, $"section [{section}] appears twice", "merge the two sections into one, as Ansible also refuses this file");
                continue;
            }
            var delimiter = line.IndexOfAny(['=', ':']);
            if (delimiter < 1)
            {
                d.Add(at, $"'{line}' is neither a [section] nor a key = value line", "write key = value, or start the line with # to make it a comment");
                continue;
            }
            if (section is null)
            {
                d.Add(at, "a key before any [section]", "put it under [defaults] (or the section it belongs to)");
                continue;
            }
            var key = line[..delimiter].Trim().ToLowerInvariant();
            if (entries.Any(e => e.Section == section && e.Key == key))
                d.Add(at, $"{key} is set twice in [{section}]", "keep one of them, as Ansible also refuses this file");
            entries.Add(new Entry(section, key, line[(delimiter + 1)..].Trim(), i + 1));
            keyIndent = indent;
        }
        return entries;
    }

    /// <summary>configparser's inline_comment_prefixes=(';',): a ';' after white space starts a comment.</summary>
    private static string StripInlineComment(string line)
    {
        for (var i = 1; i < line.Length; i++)
            if (line[i] == ';' && char.IsWhiteSpace(line[i - 1])) return line[..i].TrimEnd();
        return line;
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && value[0] == value[^1] && value[0] is '"' or '\'' ? value[1..^1] : value;

    private static List<string> List(string value) =>
        value.Split([',', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Unquote).Where(v => v.Length > 0).ToList();

    /// <summary>Ansible's resolve_path for a value from a file: <c>$VAR</c> and <c>~</c> expanded, relative to the file's directory.</summary>
    private static string ResolvePath(string value, string directory, string? home)
    {
        // As Python's expandvars: a variable that is not set stays as written.
        value = Variable().Replace(value, m => Environment.GetEnvironmentVariable(m.Groups["name"].Value) ?? m.Value);
        return Path.GetFullPath(Path.Combine(directory, Transport.HomePath.Expand(value, home)));
    }

    private static int? Forks(string value, SourceSpan at, Diagnostics d)
    {
        if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var forks))
        {
            d.Add(at, $"forks must be a whole number, not '{value}'", "write e.g. forks = 10, or remove the line (default 5)");
            return null;
        }
        if (forks < 1) d.Add(at, $"forks must be 1 or more (how many hosts run at once), not {forks}", "write e.g. forks = 5, or remove the line");
        return forks;
    }

    /// <summary>
    /// Ansible's boolean words. Differs: Ansible takes any other word as false; here it is an error,
    /// since "become = ture" meaning "no become" is the silent change this file must never make.
    /// </summary>
    private static bool? Boolean(string key, string value, SourceSpan at, Diagnostics d)
    {
        if (BooleanWords.Read(value) is { } b) return b;
        d.Add(at, $"{key} must be true or false, not '{value}'", $"write {key} = True or {key} = False (Ansible also reads yes/no, on/off, 1/0)");
        return null;
    }

    [GeneratedRegex(@"\$(?:(?<name>[A-Za-z_][A-Za-z0-9_]*)|\{(?<name>[^}]*)\})")]
    private static partial Regex Variable();
}
