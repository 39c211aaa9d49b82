using Provisioner.Yaml;

namespace Provisioner.Templating;

/// <summary>
/// A stage's and a task's own vars — written on them, or on the import_stage and import_tasks entries
/// that brought them in — laid over one host's variables for that stage or task alone. They sit where
/// Ansible's block and task vars do: above play vars and vars_files, below what the command line set
/// (-e, --vars-file); and, as in Ansible, a registered result or a fact is never replaced by them.
/// </summary>
public static class ScopedVars
{
    /// <param name="layers">Lowest first: the stage's, then each import's (outermost first), then the task's own.</param>
    public static Vars Apply(Vars vars, IReadOnlyList<MapNode> layers)
    {
        foreach (var layer in layers)
        {
            var taken = layer.Entries.Where(e => Replaceable(vars, e.Key.Value)).ToList();
            if (taken.Count == 0) continue;
            // A name that held a secret keeps its new value masked too, as SecretNames does between the play's layers.
            var wasSecret = taken.Select(e => e.Key.Value).Where(name => vars.Values.TryGetValue(name, out var old) && Vars.Strings(old).Any(vars.Secrets.Contains)).ToList();
            vars = vars.Merge(Vars.LayerFrom(layer with { Entries = taken }, vars.Secrets));
            SecretNames.Register(vars, wasSecret, vars.Secrets);
        }
        return vars;
    }

    /// <summary>What the user wrote below may be replaced; what the command line set and what the run produced may not.</summary>
    private static bool Replaceable(Vars vars, string name) =>
        !vars.Pinned.Contains(name) && (!vars.Values.ContainsKey(name) || vars.Templated.Contains(name));
}
