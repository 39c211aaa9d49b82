namespace Provisioner.Journal;

/// <summary>
/// The account databases and the backups the shadow tools keep of them. useradd, groupadd, chpasswd
/// and packages' maintainer scripts (which add system users) all rewrite them, subordinate id
/// ranges included, so an undo must bring every one back to have /etc as it was.
/// </summary>
public static class AccountFiles
{
    private static readonly string[] Databases = ["/etc/passwd", "/etc/shadow", "/etc/group", "/etc/gshadow", "/etc/subuid", "/etc/subgid"];

    public static IReadOnlyList<JournalItem> All { get; } =
        Databases.SelectMany(f => new JournalItem[] { new JournalFile(f), new JournalFile(f + "-") }).ToList();
}
