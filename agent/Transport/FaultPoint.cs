using System.Globalization;

namespace Provisioner.Transport;

/// <summary>
/// The fault sweep's kill point (tests/faults/sweep): with PROVISION_FAULT_KILL_AFTER=N in the
/// environment, the controller kills itself (SIGKILL: nothing is flushed, closed or released, as a
/// crash or a power cut of the workstation) right after the Nth command it ran on a host returned;
/// with PROVISION_FAULT_KILL_AFTER=NAME, right after the first command marked NAME
/// (<see cref="Command.FaultMark"/>: the journal's commit is "commit") returned, wherever it falls in
/// the count. Unset, it does nothing. Counted per host connection.
/// </summary>
internal sealed class FaultPoint
{
    public const string Variable = "PROVISION_FAULT_KILL_AFTER";

    private readonly int _after;
    private readonly string? _mark;
    private readonly Action _kill;
    private int _ran;

    private FaultPoint(int after, string? mark, Action kill) => (_after, _mark, _kill) = (after, mark, kill);

    public static FaultPoint FromEnvironment() =>
        Parse(Environment.GetEnvironmentVariable(Variable), () => System.Diagnostics.Process.GetCurrentProcess().Kill());

    /// <summary>The kill point <paramref name="value"/> names (a count or a mark; anything else: none).</summary>
    public static FaultPoint Parse(string? value, Action kill)
    {
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return new(n, null, kill);
        return value is { Length: > 0 } && value.All(char.IsAsciiLetterLower) ? new(0, value, kill) : new(0, null, kill);
    }

    /// <summary>A command on the host has returned.</summary>
    public void Passed(Command command)
    {
        if (_mark is not null)
        {
            if (command.FaultMark == _mark) _kill();
            return;
        }
        if (_after == 0 || Interlocked.Increment(ref _ran) != _after) return;
        _kill();
    }
}
