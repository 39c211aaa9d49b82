using Provisioner.Probes;

namespace Provisioner.Tests.Probes;

public class PollDelaysTests
{
    /// <summary>
    /// A delivery on the lab host lands within about 100 ms of the SMTP reply; looking again only after a
    /// whole second cost the first apply a second in each of two stages (the probes' Maildir looks).
    /// </summary>
    [Fact]
    public void Looks_again_soon_then_backs_off_to_the_cap()
    {
        var cap = TimeSpan.FromSeconds(1);
        var delays = PollDelays.Upto(cap).Take(8).ToList();

        delays[0].ShouldBe(TimeSpan.FromMilliseconds(100));
        delays.Zip(delays.Skip(1)).ShouldAllBe(p => p.Second >= p.First);
        delays.ShouldAllBe(d => d <= cap);
        delays[^1].ShouldBe(cap);
        // the looks after the first: at 0.1, 0.3, 0.7, 1.5 and 2.5 s, then once a second
        var at = TimeSpan.Zero;
        delays.Take(5).Select(d => at += d).Select(t => t.TotalSeconds).ShouldBe([0.1, 0.3, 0.7, 1.5, 2.5], tolerance: 1e-9);
    }
}
