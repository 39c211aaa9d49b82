using Provisioner.Yaml;

namespace Provisioner.Inventories;

/// <summary>
/// The Ansible connection variables (<c>ansible_*</c>) beyond those <see cref="ConnectionSettings"/>
/// reads: accepted when they ask for what provision does anyway, refused otherwise. A setting that
/// silently did nothing would leave the user believing it took effect.
/// </summary>
internal static class AnsibleKeys
{
    /// <summary>Keys whose only accepted values are what provision does anyway, and what that is.</summary>
    private static readonly Dictionary<string, (string[] Values, string Does)> Fixed = new(StringComparer.Ordinal)
    {
        ["ansible_connection"] = (["ssh", "smart"], "connects over SSH only"),
        ["ansible_become_method"] = (["sudo"], "becomes root through sudo only"),
        ["ansible_become_user"] = (["root"], "becomes root only"),
        ["ansible_shell_type"] = (["sh"], "runs POSIX sh only"),
    };

    /// <summary>Older names Ansible still reads, for the message: the user may know only the current one.</summary>
    private static readonly Dictionary<string, string> OlderNames = new(StringComparer.Ordinal)
    {
        ["ansible_ssh_pass"] = "ansible_password",
        ["ansible_sudo"] = "ansible_become",
        ["ansible_sudo_user"] = "ansible_become_user",
        ["ansible_sudo_exe"] = "ansible_become_exe",
    };

    /// <summary>Meaningless here rather than ignored: provision runs no Python on the host.</summary>
    private static readonly string[] Moot = ["ansible_python_interpreter"];

    /// <param name="read">The keys <see cref="ConnectionSettings"/> reads.</param>
    /// <param name="text">The rendered text of a key's value.</param>
    public static void Check(IEnumerable<string> keys, IReadOnlySet<string> read, Func<string, string?> text, string host, Diagnostics d, Func<string, SourceSpan> spanOf)
    {
        foreach (var key in keys.Where(k => k.StartsWith("ansible_", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            if (read.Contains(key) || Moot.Contains(key)) continue;
            if (Fixed.TryGetValue(key, out var fixedTo))
            {
                var value = text(key);
                if (value is null || fixedTo.Values.Contains(value)) continue;
                d.Add(spanOf(key), $"'{key}: {value}' of host '{host}' is not implemented: provision {fixedTo.Does}",
                    $"remove it, or write {key}: {fixedTo.Values[0]}");
                continue;
            }
            var older = OlderNames.TryGetValue(key, out var current) ? $" (Ansible's older name for {current})" : "";
            d.Add(spanOf(key), $"'{key}'{older} of host '{host}' is not implemented, and provision will not ignore it silently",
                $"remove it; provision reads {string.Join(", ", read.Where(k => k.StartsWith("ansible_", StringComparison.Ordinal)).Order(StringComparer.Ordinal))} and {string.Join(", ", Fixed.Keys)} (as {string.Join(", ", Fixed.Select(f => f.Value.Values[0]))})");
        }
    }
}
