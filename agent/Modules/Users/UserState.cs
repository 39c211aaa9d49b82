namespace Provisioner.Modules.Users;

/// <summary>How the host's password hash compares with the wanted one (checked on the host; the hash never leaves it).</summary>
public enum PasswordCheck { NotAsked, Matches, Differs }

/// <summary>A local account as getent sees it: passwd fields, primary and supplementary groups, password check.</summary>
public sealed record UserState(
    bool Exists,
    int Uid,
    string PrimaryGroup,
    string PrimaryGid,
    IReadOnlySet<string> Groups,
    string Comment,
    string Home,
    string Shell,
    PasswordCheck Password)
{
    public static readonly UserState Absent = new(false, -1, "", "", new HashSet<string>(), "", "", "", PasswordCheck.Differs);
}
