using System.Globalization;

namespace Provisioner.Transport;

/// <summary>
/// Who asks for a host's run lock: a token of the run's own (the lock belongs to it, not to a
/// connection, so the run can take it again after a reconnect), the controller process it runs in
/// (so a later run on the same machine can prove a dead one gone), the seconds the lock outlives a
/// dropped connection, and a line for people.
/// </summary>
public sealed record LockClaim(string Token, ControllerId Controller, int GraceSeconds, string Owner)
{
    /// <summary>Long enough for the transport's reconnect (three attempts of at most a connect timeout each, plus backoff).</summary>
    public const int DefaultGraceSeconds = 60;

    public static LockClaim ForThisProcess(string owner, int graceSeconds = DefaultGraceSeconds) =>
        new(Guid.NewGuid().ToString("N"), ControllerId.Current, graceSeconds, owner);
}

/// <summary>
/// A controller process: this machine's id, the pid, and its start time in clock ticks since boot as
/// the kernel keeps it (/proc/PID/stat): exact, unlike a wall-clock start time computed from the
/// uptime, and a pid alone may be reused. 0 where there is no /proc: such a controller is never taken
/// for dead.
/// </summary>
public sealed record ControllerId(string Machine, int Pid, long StartTicks)
{
    public static ControllerId Current { get; } = new(MachineId(), Environment.ProcessId, StartTicksOf(Environment.ProcessId) ?? 0);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Machine} {Pid} {StartTicks}");

    public static ControllerId? Parse(string text)
    {
        var f = text.Split(' ');
        return f.Length == 3 && int.TryParse(f[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) &&
               long.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            ? new ControllerId(f[0], pid, ticks)
            : null;
    }

    /// <summary>True only when this controller is on this machine and its process is provably gone.</summary>
    public bool ProvablyDead()
    {
        if (Machine != Current.Machine || StartTicks == 0 || Current.StartTicks == 0) return false;
        return StartTicksOf(Pid) != StartTicks; // no such process, or another one under a reused pid
    }

    /// <summary>Field 22 of /proc/PID/stat, or null when the process (or /proc) is not there.</summary>
    private static long? StartTicksOf(int pid)
    {
        string stat;
        try { stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
        // The name (field 2) is in parentheses and may hold spaces: count from the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return fields.Length > 19 && long.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) ? ticks : null;
    }

    private static string MachineId()
    {
        try
        {
            var id = File.ReadAllText("/etc/machine-id").Trim();
            if (id.Length > 0 && !id.Contains(' ', StringComparison.Ordinal)) return id;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        return "host-" + new string(Environment.MachineName.Where(char.IsAsciiLetterOrDigit).ToArray());
    }
}
