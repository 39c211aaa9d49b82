using Provisioner.HostFacts;
using Provisioner.Journal;
using Provisioner.Modules.Users;
using Provisioner.Reads;

namespace Provisioner.Modules;

public sealed record UserArgs(
    string Name, int? Uid, string? Group, IReadOnlyList<string> Groups, bool GroupsGiven, bool Append,
    string? Shell, string? Home, bool CreateHome, bool System, string? Comment,
    string? Password, string? PasswordPlain, bool Present, bool Remove)
{
    // Records print their members; the password fields must never reach a log or an exception.
    public override string ToString() => $"UserArgs {{ Name = {Name}, Present = {Present} }}";
}

/// <summary>
/// user: a local account with its uid, primary and supplementary groups, shell, home, comment and
/// password (a crypt hash, or a plaintext secret checked against /etc/shadow on the host), or absent.
/// </summary>
public sealed class UserModule : Module<UserArgs, UserState>
{
    public override string Name => "user";
    public override TaskReach Reach => TaskReach.ItsJournalItems;

    public override ArgSpec Spec { get; } = new([
        new("name", ArgType.String, Required: true),
        new("uid", ArgType.Int),
        new("group", ArgType.Account, Help: "primary group (name or gid)"),
        new("groups", ArgType.List, Help: "supplementary groups"),
        new("append", ArgType.Bool, Help: "true (default): add to groups, keep others; false: exactly these", Default: "true"),
        new("shell", ArgType.Path),
        new("home", ArgType.Path),
        new("create_home", ArgType.Bool, Default: "true"),
        new("system", ArgType.Bool, Default: "false"),
        new("comment", ArgType.String),
        new("password", ArgType.String, Help: "an already hashed crypt(3) string, e.g. from openssl passwd -6"),
        new("password_plain", ArgType.String, Help: "a plaintext password; mark it !secret"),
        new("state", ArgType.String, Choices: ["present", "absent"], Default: "present"),
        new("remove", ArgType.Bool, Help: "state: absent also removes the home directory", Default: "false"),
    ]) { MutuallyExclusive = [["password", "password_plain"]] };

    protected override UserArgs Bind(ArgReader r)
    {
        foreach (var key in new[] { "comment", "home", "shell", "password", "password_plain" })
        {
            // home and shell are paths, whose line breaks are reported as control characters.
            var bad = r.Str(key) is not { } v ? null
                : v.Contains('\n') && key is not ("home" or "shell") ? "a newline"
                : v.Contains(':') && key != "password_plain" ? "':'" : null;
            if (bad is not null)
                r.Diagnostics.Add(r.Args.Get(key)!.Span, $"'{key}' cannot contain {bad}", "it is stored in a ':'-separated line of /etc/passwd or /etc/shadow");
        }
        var groups = r.List("groups");
        foreach (var problem in groups.Select(g => ArgValue.Check(ArgType.Account, "groups", g)).OfType<ArgProblem>())
            r.Diagnostics.Add(r.Args.Get("groups")!.Span, $"'groups' {problem.Message}", problem.Fix);
        return new UserArgs(AccountName.Read(r, "name"), AccountName.Id(r, "uid"), r.Account("group"), groups, r.Has("groups"),
            r.Bool("append"), r.Path("shell"), r.Path("home"), r.Bool("create_home"), r.Bool("system"), r.Str("comment"),
            r.Str("password"), r.Str("password_plain"), r.Choice("state") == "present", r.Bool("remove"));
    }

    /// <summary>The primary and supplementary groups the account is to be in.</summary>
    public override IReadOnlyList<Need> Requires(UserArgs args) => args.Present ? Need.Accounts([args.Group, .. args.Groups]) : [];

    /// <summary>Goes ahead with the stage's other reads: a password to compare is the batch's input, never its text.</summary>
    public override IReadOnlyList<AheadRead> ReadCommands(UserArgs args) => [UserReader.Command(args)];

    public override Task<UserState> ReadAsync(UserArgs args, HostContext host, CancellationToken ct) => UserReader.ReadAsync(args, host, ct);

    public override Plan Plan(UserArgs a, UserState s) => (a.Present, s.Exists) switch
    {
        (false, true) => UserPlanner.Remove(a),
        (false, false) => Modules.Plan.None,
        (true, false) => UserPlanner.Create(a),
        (true, true) => UserPlanner.Modify(a, s),
    };

    /// <summary>
    /// The account files (with their backups and subordinate id ranges, which useradd also writes); for a user created with a home, that home and its mail spool if useradd
    /// makes them (the default home base is /home on Debian and Fedora); for a user removed with
    /// its home, that home as it is.
    /// </summary>
    public override IReadOnlyList<JournalItem> Journal(UserArgs args, UserState? state)
    {
        List<JournalItem> items = [.. AccountFiles.All];
        if (args.Present && state is not { Exists: true } && args.CreateHome)
            items.AddRange([new JournalNewPath(args.Home ?? $"/home/{args.Name}"), new JournalNewPath($"/var/spool/mail/{args.Name}")]);
        if (!args.Present && args.Remove && state is { Exists: true, Home: { Length: > 1 } home } && home.StartsWith('/'))
            items.Add(new JournalFile(home));
        return items;
    }

    /// <summary>The account files, the home made or removed and the mail spool made are all restored.</summary>
    public override string? Irreversible(UserArgs args, UserState? state) => null;
}
