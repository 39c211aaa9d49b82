namespace Provisioner.HostFacts;

/// <summary>
/// What asks for facts beyond the core's (OS, NICs, SELinux, …): the version and list facts that the
/// modules a run registers bring (<c>ModuleRegistry</c>), read with the rest at connect.
/// </summary>
public interface IFactSources
{
    IReadOnlyList<VersionFact> Versions { get; }
    IReadOnlyList<ListFact> Lists { get; }
}
