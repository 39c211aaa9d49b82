using Provisioner.Yaml;

namespace Provisioner.Templating;

/// <summary>
/// A name that is secret in any layer stays secret: when a higher layer (host_vars, --vars-file, -e)
/// gives it another value, that value is registered as a secret too, so <c>-e db_password=…</c>
/// overriding a password from a <c>*.secret.yml</c> file is masked like the one it replaces.
/// </summary>
public static class SecretNames
{
    /// <summary>The paths (<c>name</c>, <c>name.key</c>, <c>name.0</c>) of the values marked secret in a layer.</summary>
    public static IEnumerable<string> In(MapNode layer) => layer.Entries.SelectMany(e => Paths(e.Key.Value, e.Value));

    /// <summary>Registers what the variables finally hold at each secret path: the value of the layer that won.</summary>
    public static void Register(Vars vars, IEnumerable<string> paths, SecretSet secrets)
    {
        foreach (var path in paths.Distinct())
            foreach (var text in Vars.Strings(ValueAt(vars, path))) secrets.Add(text);
    }

    private static IEnumerable<string> Paths(string path, Node node) => node switch
    {
        ScalarNode { Secret: true } => [path],
        MapNode m => m.Entries.SelectMany(e => Paths($"{path}.{e.Key.Value}", e.Value)),
        ListNode l => l.Items.SelectMany((item, i) => Paths($"{path}.{i}", item)),
        _ => [],
    };

    /// <summary>The value at a path; or, where a later layer put a plain value instead of the mapping that held the secret, that value.</summary>
    private static object? ValueAt(Vars vars, string path)
    {
        var parts = path.Split('.');
        for (var n = parts.Length; n > 0; n--)
            if (vars.TryResolve(string.Join('.', parts[..n]), out var value))
                return n == parts.Length || value is not (IReadOnlyDictionary<string, object?> or IReadOnlyList<object?>) ? value : null;
        return null;
    }
}
