using Provisioner.Playbooks;
using Provisioner.Templating;
using Provisioner.Variables;
using Provisioner.Yaml;

namespace Provisioner.Tests.Variables;

/// <summary>
/// A play's layers for tests whose vars_files are not templates, read through the same
/// <see cref="PlayVarsLoader"/> path a run takes (a templated name renders with the play's own layers).
/// </summary>
internal static class PlayLayers
{
    public static IReadOnlyList<MapNode> Load(Play play, string baseDirectory, Diagnostics diagnostics) =>
        Alone(PlayVarsLoader.Open(play, baseDirectory), diagnostics);

    public static IReadOnlyList<MapNode> LoadDefaults(Play play, string baseDirectory, Diagnostics diagnostics) =>
        Alone(PlayVarsLoader.OpenDefaults(play, baseDirectory), diagnostics);

    private static IReadOnlyList<MapNode> Alone(PlayVarsFiles files, Diagnostics diagnostics)
    {
        var secrets = new SecretSet();
        return files.For(layers => layers.Aggregate(Vars.Empty(secrets), (v, l) => v.Merge(Vars.LayerFrom(l, secrets))), diagnostics);
    }
}
