using System.Text;
using Provisioner.HostFacts;
using Provisioner.Reads;
using Provisioner.Transport;

namespace Provisioner.Modules.Users;

/// <summary>
/// Reads an account in one script (user-read.sh). A wanted password travels on stdin and is compared on
/// the host with the /etc/shadow hash (hash against hash, or plaintext hashed with the stored method
/// and salt), so neither the password nor the stored hash reaches argv, the controller, logs or reports.
/// </summary>
public static class UserReader
{
    private static readonly HostScript Script = HostScript.Load("user-read.sh");

    public static Command Command(UserArgs a)
    {
        var (check, stdin) = a switch
        {
            { PasswordPlain: { } plain } => ("plain", plain),
            { Password: { } hash } => ("hash", hash),
            _ => ("none", (string?)null),
        };
        var read = Transport.Command.Script(Script.Inline(a.Name, check), readOnly: true);
        return stdin is null ? read : read with { Stdin = Encoding.UTF8.GetBytes(stdin + "\n"), SecretStdin = true };
    }

    public static async Task<UserState> ReadAsync(UserArgs args, HostContext host, CancellationToken ct)
    {
        var result = await host.RunAsync(Command(args), ct).ConfigureAwait(false);
        if (!result.Ok) throw new Files.RemoteReadException($"could not read user {args.Name}: {result.Describe()}");
        return Parse(result.Stdout);
    }

    public static UserState Parse(string stdout)
    {
        var sections = MarkedSections.Parse(stdout);
        if (!sections.Has("passwd")) return UserState.Absent;
        var passwd = string.Concat(sections.Lines("passwd").Where(l => l.Length > 0));
        var f = passwd.Split(':');
        var primary = string.Concat(sections.Words("primary"));
        var groups = string.Concat(sections.Words("groups")).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(g => g != primary).ToHashSet(StringComparer.Ordinal);
        var password = sections.Has("password match") ? PasswordCheck.Matches
            : sections.Has("password differs") ? PasswordCheck.Differs : PasswordCheck.NotAsked;
        return new UserState(true, int.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture), primary, f[3], groups, f[4], f[5], f[6], password);
    }
}
