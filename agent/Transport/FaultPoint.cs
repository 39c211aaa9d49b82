using System.Globalization;

namespace Provisioner.Transport;

/// <summary>
/// The fault sweep's kill point (tests/faults/sweep): with PROVISION_FAULT_KILL_AFTER=N in the
/// environment, the controller kills itself (SIGKILL: nothing is flushed, closed or released, as a
/// crash or a power cut of the workstation) right after the Nth command it ran on a host returned.
/// Unset, it does nothing. Counted per host connection.
/// </summary>
internal sealed class FaultPoint
{
    public const string Variable = "PROVISION_FAULT_KILL_AFTER";

    private readonly int _after;
    private int _ran;

    private FaultPoint(int after) => _after = after;

    public static FaultPoint FromEnvironment() =>
        new(int.TryParse(Environment.GetEnvironmentVariable(Variable), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 0);

    /// <summary>A command on the host has returned.</summary>
    public void Passed()
    {
        if (_after == 0 || Interlocked.Increment(ref _ran) != _after) return;
        System.Diagnostics.Process.GetCurrentProcess().Kill();
    }
}
