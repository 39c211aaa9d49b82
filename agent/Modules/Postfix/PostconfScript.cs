using Provisioner.Reads;
using Provisioner.Transport;

namespace Provisioner.Modules.Postfix;

/// <summary>
/// The read script and the write script (postconf-read.sh, postconf-set.sh). The write runs a task's
/// postconf commands in one process; what checks them is the stage's <see cref="PostfixGate"/>, once
/// after all of the stage's tasks, so a bad value or a new warning rolls the stage back from its
/// journal, and a host whose main.cf already draws a warning can still be changed.
/// </summary>
public static class PostconfScript
{
    public const string Dir = "/etc/postfix";

    /// <summary>The read's exit status and message when there is no postconf (Postfix not installed).</summary>
    public const int NotInstalled = 127;
    public const string NotInstalledMessage = "postconf not found";

    private static readonly HostScript ReadScript = HostScript.Load("postconf-read.sh");
    private static readonly HostScript ApplyScript = HostScript.Load("postconf-set.sh");

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
