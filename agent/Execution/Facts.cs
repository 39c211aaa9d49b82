namespace Provisioner.Execution;

/// <summary>What the engine reads from a host once, at connect.</summary>
public sealed record Facts(
    string OsId,
    string OsVersion,
    string OsFamily,
    string OsPrettyName,
    string PackageManager,
    int SystemdVersion,
    IReadOnlyList<NetInterface> Interfaces,
    string SelinuxMode,
    string? PostfixVersion,
    string? DovecotVersion,
    string Hostname,
    string User)
{
    public bool SelinuxEnforcing => SelinuxMode == "enforcing";
}

public sealed record NetInterface(string Name, IReadOnlyList<string> Addresses);
