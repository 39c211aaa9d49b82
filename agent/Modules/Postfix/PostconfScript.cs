using System.Text;
using Provisioner.Transport;

namespace Provisioner.Modules.Postfix;

/// <summary>
/// The read script and the guarded apply script. The apply script backs up main.cf and master.cf,
/// runs the postconf commands, then gates on <c>postfix check</c> and <c>postconf -n</c>: a non-zero
/// exit or a "warning:"/"fatal:" line that was not there before restores both files and fails, so a
/// bad value never stays, and a host whose main.cf already draws a warning can still be changed.
/// </summary>
public static class PostconfScript
{
    public const string Dir = "/etc/postfix";
    public const string Backup = ".provision-bak";

    /// <summary>The read's exit status and message when there is no postconf (Postfix not installed).</summary>
    public const int NotInstalled = 127;
    public const string NotInstalledMessage = "postconf not found";

    public static Command Read(string? service)
    {
        var sb = new StringBuilder();
        // Missing postconf must fail the read (check mode then reports "assumes" the package task).
        sb.Append("command -v postconf >/dev/null 2>&1 || { echo 'postconf not found: install postfix first' >&2; exit 127; }; ");
        // Debian's "No configuration" install has no main.cf at all: that reads as nothing set.
        sb.Append($"{MarkedSections.Echo("main")}; if [ -e {Dir}/main.cf ]; then postconf -n 2>/dev/null || exit 1; fi; ");
        if (service is not null)
        {
            var q = ShellQuote.Quote(service);
            sb.Append($"{MarkedSections.Echo("master")}; postconf -M {q} 2>/dev/null; ");
            sb.Append($"{MarkedSections.Echo("options")}; postconf -P {q} 2>/dev/null; ");
        }
        sb.Append("true");
        return Command.Script(sb.ToString(), readOnly: true);
    }

    public static Command Apply(IReadOnlyList<Command> commands)
    {
        const string main = Dir + "/main.cf", master = Dir + "/master.cf";
        var sb = new StringBuilder();
        sb.Append("err=$(mktemp) && pre=$(mktemp) || exit 1\n");
        // The warnings the files draw already, without line numbers (an edit may shift them).
        const string Warnings = "grep -e 'warning:' -e 'fatal:' | sed 's/, line [0-9]*//' | sort -u";
        sb.Append($"{{ postfix check; postconf -n >/dev/null; }} 2>&1 | {Warnings} > \"$pre\"\n");
        // postconf -e cannot create main.cf (Debian "No configuration"): start from an empty one.
        sb.Append($"new=0; [ -e {main} ] || {{ install -m 0644 /dev/null {main} && new=1; }}\n");
        sb.Append($"cp -p {main} {main}{Backup} && cp -p {master} {master}{Backup} || {{ rm -f \"$err\" \"$pre\"; echo 'cannot back up {Dir}' >&2; exit 1; }}\n");
        // mv restores the exact bytes and attributes saved by cp -p; the warnings explain why.
        sb.Append($"fail() {{ mv -f {main}{Backup} {main}; mv -f {master}{Backup} {master}; [ $new = 1 ] && rm -f {main}; ");
        sb.Append("echo \"postconf change refused ($1), main.cf and master.cf restored:\" >&2; cat \"$err\" >&2; rm -f \"$err\" \"$pre\"; exit 1; }\n");
        foreach (var c in commands)
            sb.Append(c.Render()).Append(" >>\"$err\" 2>&1 || fail ").Append(ShellQuote.Quote(c.Argv[1].Text)).Append('\n');
        sb.Append("postfix check >>\"$err\" 2>&1 || fail 'postfix check'\n");
        sb.Append("postconf -n >/dev/null 2>>\"$err\" || fail 'postconf -n'\n");
        sb.Append($"< \"$err\" {Warnings} | comm -23 - \"$pre\" | grep -q . && fail 'new warnings'\n");
        sb.Append($"rm -f {main}{Backup} {master}{Backup} \"$err\" \"$pre\"\n");
        return Command.Script(sb.ToString()) with { Timeout = TimeSpan.FromMinutes(2) };
    }
}
