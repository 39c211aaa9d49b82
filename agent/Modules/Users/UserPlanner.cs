using System.Text;
using Provisioner.Transport;
using static Provisioner.Modules.Users.AccountName;

namespace Provisioner.Modules.Users;

/// <summary>Plans useradd/usermod/userdel argv and the password step for the user module.</summary>
public static class UserPlanner
{
    public static Plan Create(UserArgs a)
    {
        var argv = new List<Arg> { "useradd" };
        if (a.System) argv.Add("-r");
        if (a.Uid is { } uid) argv.AddRange(["-u", Num(uid)]);
        if (a.Group is { } g) argv.AddRange(["-g", g]);
        if (a.Groups.Count > 0) argv.AddRange(["-G", string.Join(',', a.Groups)]);
        if (a.Home is { } home) argv.AddRange(["-d", home]);
        if (a.Shell is { } shell) argv.AddRange(["-s", shell]);
        if (a.Comment is { } comment) argv.AddRange(["-c", comment]);
        argv.Add(a.CreateHome ? "-m" : "-M");
        argv.AddRange(["--", a.Name]);
        // useradd makes the user's own group along with it (USERGROUPS_ENAB, the default).
        var created = Step(Command.Of([.. argv]), new Change($"user {a.Name}", ChangeKind.State, null, "present")) with { Provides = [Provided.Account(a.Name)] };
        return created.Then(Password(a, UserState.Absent));
    }

    public static Plan Modify(UserArgs a, UserState s)
    {
        var argv = new List<Arg> { "usermod" };
        var changes = new List<Change>();
        void Set(string flag, string field, string have, string? want)
        {
            if (want is null || want == have) return;
            argv.AddRange([flag, want]);
            changes.Add(new Change($"user {a.Name} {field}", ChangeKind.Value, have, want));
        }
        Set("-u", "uid", Num(s.Uid), a.Uid is { } uid ? Num(uid) : null);
        // The primary group may be given by name or by number.
        if (a.Group is { } g && g != s.PrimaryGroup && g != s.PrimaryGid) Set("-g", "group", s.PrimaryGroup, g);
        Set("-d", "home", s.Home, a.Home);
        Set("-s", "shell", s.Shell, a.Shell);
        Set("-c", "comment", s.Comment, a.Comment);
        if (a.GroupsGiven)
        {
            var missing = a.Groups.Where(x => !s.Groups.Contains(x)).ToList();
            var extra = s.Groups.Where(x => !a.Groups.Contains(x)).Order(StringComparer.Ordinal).ToList();
            var have = string.Join(',', s.Groups.Order(StringComparer.Ordinal));
            if (a.Append && missing.Count > 0)
            {
                argv.AddRange(["-a", "-G", string.Join(',', missing)]);
                changes.Add(new Change($"user {a.Name} groups", ChangeKind.Value, have, string.Join(',', s.Groups.Concat(missing).Order(StringComparer.Ordinal))));
            }
            else if (!a.Append && (missing.Count > 0 || extra.Count > 0))
            {
                argv.AddRange(["-G", string.Join(',', a.Groups)]);
                changes.Add(new Change($"user {a.Name} groups", ChangeKind.Value, have, string.Join(',', a.Groups.Order(StringComparer.Ordinal))));
            }
        }
        var plan = Plan.None;
        if (changes.Count > 0)
        {
            argv.AddRange(["--", a.Name]);
            var c = Command.Of([.. argv]);
            plan = new Plan([new CommandStep(c, c.Display())], changes);
        }
        return plan.Then(Password(a, s));
    }

    /// <summary>
    /// Sets the password through chpasswd with "name:secret" on stdin (never argv). Plaintext is
    /// hashed as SHA-512 (-c SHA512) rather than the distribution default (yescrypt on Debian), so
    /// the next read can verify it with openssl; a given hash is stored as is (-e).
    /// </summary>
    public static Plan Password(UserArgs a, UserState s)
    {
        if (s.Password == PasswordCheck.Matches || (a.PasswordPlain is null && a.Password is null)) return Plan.None;
        var command = a.PasswordPlain is { } plain
            ? Command.Of("chpasswd", "-c", "SHA512") with { Stdin = Encoding.UTF8.GetBytes($"{a.Name}:{plain}\n"), SecretStdin = true }
            : Command.Of("chpasswd", "-e") with { Stdin = Encoding.UTF8.GetBytes($"{a.Name}:{a.Password}\n"), SecretStdin = true };
        // Placeholders only: the change never carries the secret or the stored hash.
        return Step(command, new Change($"user {a.Name} password", ChangeKind.State, s.Exists ? "(set)" : null, "(changed)"));
    }

    public static Plan Remove(UserArgs a)
    {
        var c = a.Remove ? Command.Of("userdel", "-r", "--", a.Name) : Command.Of("userdel", "--", a.Name);
        return Step(c, new Change($"user {a.Name}", ChangeKind.State, "present", null));
    }
}
