using Provisioner.Transport;

namespace Provisioner.Modules.Postfix;

/// <summary>
/// The read script and the guarded apply script (postconf-read.sh, postconf-apply.sh). The apply script
/// backs up main.cf and master.cf, runs the postconf commands, then gates on <c>postfix check</c> and
/// <c>postconf -n</c>: a non-zero exit or a "warning:"/"fatal:" line that was not there before restores
/// both files and fails, so a bad value never stays, and a host whose main.cf already draws a warning
/// can still be changed. The files' warnings before the change are checked only when the changed files
/// draw any.
/// </summary>
public static class PostconfScript
{
    public const string Dir = "/etc/postfix";

    /// <summary>The read's exit status and message when there is no postconf (Postfix not installed).</summary>
    public const int NotInstalled = 127;
    public const string NotInstalledMessage = "postconf not found";

    private static readonly HostScript ReadScript = HostScript.Load("postconf-read.sh");
    private static readonly HostScript ApplyScript = HostScript.Load("postconf-apply.sh");

    /// <summary>
    /// Cacheable: Postfix's configuration depends on the host alone, and most postconf tasks read the
    /// same main.cf; they share one read until the run changes something (<see cref="CachingRemoteHost"/>).
    /// </summary>
    public static Command Read(string? service) =>
        Command.Script(service is null ? ReadScript.Inline() : ReadScript.Inline(service), readOnly: true) with { Cacheable = true };

    /// <summary>The postconf commands (argv after "postconf"), each passed as its count and its arguments.</summary>
    public static Command Apply(IReadOnlyList<Command> commands) =>
        Command.Script(ApplyScript.Inline([Dir, .. commands.SelectMany(c => c.Argv.Skip(1).Select(a => a.Text).Prepend((c.Argv.Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)))]))
            with { Timeout = TimeSpan.FromMinutes(2) };
}
