namespace Provisioner.Probes;

/// <summary>
/// The waits between looks for something that is usually there within a few hundred milliseconds (a
/// delivered message): short at first, doubling up to a cap, so a quick delivery is seen at once and a
/// slow one is not asked about more than about once per cap.
/// </summary>
public static class PollDelays
{
    private static readonly TimeSpan First = TimeSpan.FromMilliseconds(100);

    public static IEnumerable<TimeSpan> Upto(TimeSpan cap)
    {
        for (var delay = First; delay < cap; delay *= 2) yield return delay;
        while (true) yield return cap;
    }
}
