using System.Runtime.InteropServices;

namespace Provisioner.Cli;

/// <summary>
/// Ctrl-C and SIGTERM. Once a run is under way (<see cref="Arm"/>), the first asks it to stop: the
/// step in progress finishes (a package install killed halfway would leave dpkg or rpm locked and the
/// undo unable to run), the stage is rolled back, no new stage starts. The second ends the process at
/// once; the stage's journal stays open on the host and the next run rolls it back before anything
/// else. Before that — validate, a listing, reading the inputs — there is nothing to roll back, and
/// the first signal ends the process.
/// </summary>
public sealed class StopSignal : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<PosixSignalRegistration> _registrations = [];
    private int _count;
    private bool _armed;
    private Action<string> _say;

    public StopSignal(TextWriter console)
    {
        _say = console.WriteLine;
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
            _registrations.Add(PosixSignalRegistration.Create(signal, context =>
            {
                if (!Volatile.Read(ref _armed) || Interlocked.Increment(ref _count) > 1) return; // default action: the process ends
                context.Cancel = true;
                Volatile.Read(ref _say)("provision: stopping — the step in progress finishes, then its stage is rolled back (signal again to quit at once; the next run then rolls the stage back)");
                _stop.Cancel();
            }));
    }

    /// <summary>From now on there may be something to roll back: a first signal stops the run gracefully.</summary>
    public void Arm() => Volatile.Write(ref _armed, true);

    /// <summary>
    /// Where the stop message goes from now on: the console reporter, once a run has one, so the message
    /// does not land inside its live progress lines.
    /// </summary>
    public void SayThrough(Action<string> say) => Volatile.Write(ref _say, say);

    /// <summary>Cancelled when the user asked the run to stop.</summary>
    public CancellationToken Token => _stop.Token;

    public void Dispose()
    {
        foreach (var r in _registrations) r.Dispose();
        _stop.Dispose();
    }
}
