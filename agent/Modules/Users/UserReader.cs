using System.Text;
using Provisioner.Transport;

namespace Provisioner.Modules.Users;

/// <summary>
/// Reads an account in one sh script. A wanted password travels on stdin and is compared on the host
/// with the /etc/shadow hash (hash against hash, or plaintext hashed with the stored method and salt),
/// so neither the password nor the stored hash reaches argv, the controller, logs or reports.
/// </summary>
public static class UserReader
{
    // $1$/$5$/$6$ hashes are recomputed with openssl (present on every target we support); other
    // methods (yescrypt $y$, bcrypt, rounds=) through libc crypt() via perl where it exists. If
    // neither can verify, the password counts as different and is set again as SHA-512
    // (chpasswd -c SHA512), which openssl verifies on the next read: the task still converges.
    private const string CheckPlain = """
        h=$(getent shadow "$n" | cut -d: -f2)
        IFS= read -r pw || true
        c=
        case "$h" in
          \$[156]\$rounds=*) ;;
          \$[156]\$*) m=$(printf '%s' "$h" | cut -d'$' -f2); s=$(printf '%s' "$h" | cut -d'$' -f3)
             c=$(printf '%s\n' "$pw" | openssl passwd -"$m" -salt "$s" -stdin 2>/dev/null) ;;
        esac
        if [ -z "$c" ] && [ -n "$h" ] && command -v perl >/dev/null 2>&1; then
          c=$(printf '%s' "$pw" | H="$h" perl -e '$p = <STDIN>; $c = crypt($p, $ENV{H}); print defined $c ? $c : ""')
        fi
        if [ -n "$h" ] && [ "$c" = "$h" ]; then echo '@@ password match'; else echo '@@ password differs'; fi
        """;

    private const string CheckHash = """
        h=$(getent shadow "$n" | cut -d: -f2)
        IFS= read -r want || true
        if [ "$h" = "$want" ]; then echo '@@ password match'; else echo '@@ password differs'; fi
        """;

    public static Command Command(UserArgs a)
    {
        var sh = new StringBuilder();
        sh.Append("n=").Append(ShellQuote.Quote(a.Name)).Append('\n');
        sh.Append("p=$(getent passwd \"$n\") || { echo '@@ absent'; exit 0; }\n");
        sh.Append("echo '@@ passwd'; printf '%s\\n' \"$p\"\n");
        sh.Append("echo '@@ primary'; getent group \"$(printf '%s' \"$p\" | cut -d: -f4)\" | cut -d: -f1\n");
        sh.Append("echo '@@ groups'; id -Gn \"$n\"\n");
        var (check, stdin) = a switch
        {
            { PasswordPlain: { } plain } => (CheckPlain, plain),
            { Password: { } hash } => (CheckHash, hash),
            _ => ((string?)null, (string?)null),
        };
        if (check is null) return Transport.Command.Script(sh.ToString(), readOnly: true);
        sh.Append(check);
        return Transport.Command.Script(sh.ToString(), readOnly: true) with { Stdin = Encoding.UTF8.GetBytes(stdin + "\n"), SecretStdin = true };
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
