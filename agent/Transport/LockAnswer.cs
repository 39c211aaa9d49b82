namespace Provisioner.Transport;

/// <summary>lock.sh's answer when another run holds the lock.</summary>
/// <param name="Dropped">True when no holder runs: its connection ended and the lease runs out in <see cref="SecondsLeft"/>.</param>
public sealed record LockHolder(bool Dropped, string Token, string HolderPid, int SecondsLeft, ControllerId? Controller, string Owner)
{
    /// <summary>Parses "busy|dropped TOKEN PID SECONDS CONTROLLER OWNER" (tab-separated); null for anything else.</summary>
    public static LockHolder? Parse(string? line)
    {
        var f = line?.Split('\t');
        if (f is not { Length: 6 } || f[0] is not ("busy" or "dropped")) return null;
        var left = int.TryParse(f[3], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : 0;
        return new LockHolder(f[0] == "dropped", f[1], f[2], left, ControllerId.Parse(f[4]), f[5]);
    }

    public string Describe() => Dropped
        ? $"{Owner}; its connection dropped and it may take the lock back for {SecondsLeft} s more"
        : $"{Owner}; held by process {HolderPid} on the host, which ends when that run ends or its connection drops";
}
