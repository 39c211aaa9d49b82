using Provisioner.Execution;
using Provisioner.HostFacts;
using Provisioner.Modules;
using Provisioner.Probes;

namespace Provisioner.Tests.Execution;

/// <summary>
/// <c>provision verify</c> runs a host's probes side by side, bounded, across its stages, and reports
/// them in the playbook's order; an apply runs them one after another and stops at the first failure.
/// Proven with probes that wait for each other (no timing: a probe left waiting alone fails after a
/// deadlock guard instead of hanging the test).
/// </summary>
public sealed class ConcurrentVerifyTests : IDisposable
{
    private readonly LocalRun _run = new();

    public void Dispose() => _run.Dispose();

    /// <summary>
    /// Probe "after: N" finishes only once probe N has finished (none: at once); every probe counts
    /// how many run at once.
    /// </summary>
    private sealed class ChainProbe : IProbe
    {
        private readonly Lock _lock = new();
        private readonly Dictionary<string, TaskCompletionSource> _done = [];
        private int _running;

        public int MaxRunning { get; private set; }
        public List<string> Finished { get; } = [];

        public string Name => "chain";
        public ArgSpec Spec { get; } = new([new ArgDef("id", ArgType.String, true), new ArgDef("after", ArgType.String), new ArgDef("pass", ArgType.Bool)]);

        private TaskCompletionSource Done(string id)
        {
            lock (_lock) return _done.TryGetValue(id, out var t) ? t : _done[id] = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        public async Task<ProbeOutcome> RunAsync(ArgReader args, HostContext host, CancellationToken ct)
        {
            var id = args.Required("id");
            lock (_lock) MaxRunning = Math.Max(MaxRunning, ++_running);
            try
            {
                await Task.Yield();
                if (args.Str("after") is { } after)
                {
                    try { await Done(after).Task.WaitAsync(TimeSpan.FromSeconds(30), ct); }
                    catch (TimeoutException) { return ProbeOutcome.Fail($"probe {after} to finish alongside", "it never ran while this one waited"); }
                }
                lock (_lock) Finished.Add(id);
                return args.Str("pass") == "false" ? ProbeOutcome.Fail("pass", "told to fail") : ProbeOutcome.Pass("pass", id);
            }
            finally
            {
                lock (_lock) _running--;
                Done(id).TrySetResult();
            }
        }
    }

    private sealed class Recorder : IRunEvents
    {
        public List<string> Probes { get; } = [];
        public void ProbeFinished(string host, string stage, ProbeResult probe) { lock (Probes) Probes.Add($"{stage}: {probe.Name}"); }
    }

    private const string Chained = """
        - name: health
          hosts: all
          stages:
            - name: one
              verify:
                - { name: p1, chain: { id: "1", after: "2" } }
                - { name: p2, chain: { id: "2", after: "3" } }
            - name: two
              verify:
                - { name: p3, chain: { id: "3", after: "4", pass: false }, retries: 0 }
                - { name: p4, chain: { id: "4" } }
        """;

    private Task<RunResult> RunAsync(ChainProbe chain, string playbook, RunOptions options, IRunEvents? events = null, int parallel = 4) =>
        _run.RunAsync(playbook, options, events, new ProbeRunner(new ProbeRegistry().Add(chain), parallel), new ProbeRegistry().Add(chain));

    [Fact]
    public async Task Verify_runs_probes_of_all_stages_side_by_side_and_reports_them_in_playbook_order()
    {
        var chain = new ChainProbe();
        var events = new Recorder();
        var result = await RunAsync(chain, Chained, new RunOptions { VerifyOnly = true }, events);

        chain.Finished.ShouldBe(["4", "3", "2", "1"], "each waited for the next, across the stages");
        events.Probes.ShouldBe(["one: p1", "one: p2", "two: p3", "two: p4"]);
        var stages = result.Hosts.ShouldHaveSingleItem().Stages;
        stages.Select(s => s.Probes.Select(p => (p.Name, p.Passed))).ShouldBe([[("p1", true), ("p2", true)], [("p3", false), ("p4", true)]]);
        stages.Select(s => s.Status).ShouldBe([RunStatus.Ok, RunStatus.Failed]);
        result.ExitCode.ShouldBe(1);
    }

    [Fact]
    public async Task At_most_the_bound_run_at_once()
    {
        var chain = new ChainProbe();
        // Six probes: 1 waits for 2, … 5 waits for 6. With room for two at a time that still finishes:
        // the waiting one and the one it waits for.
        var result = await RunAsync(chain, """
            - name: health
              hosts: all
              stages:
                - name: one
                  verify:
                    - { name: p1, chain: { id: "1", after: "2" } }
                    - { name: p2, chain: { id: "2", after: "3" } }
                    - { name: p3, chain: { id: "3" } }
                    - { name: p4, chain: { id: "4" } }
                    - { name: p5, chain: { id: "5" } }
                    - { name: p6, chain: { id: "6" } }
            """, new RunOptions { VerifyOnly = true }, parallel: 3);

        result.Hosts[0].Stages[0].Probes.Select(p => p.Passed).ShouldAllBe(passed => passed);
        chain.MaxRunning.ShouldBe(3);
    }

    [Fact]
    public async Task Apply_runs_probes_in_order_and_stops_at_the_first_failure()
    {
        var chain = new ChainProbe();
        var result = await RunAsync(chain, """
            - name: apply
              hosts: all
              stages:
                - name: one
                  verify:
                    - { name: p1, chain: { id: "1" } }
                    - { name: p2, chain: { id: "2", pass: false }, retries: 0 }
                    - { name: p3, chain: { id: "3" } }
            """, new RunOptions { VerifyAll = true });

        chain.Finished.ShouldBe(["1", "2"]);
        chain.MaxRunning.ShouldBe(1);
        result.Hosts[0].Stages[0].Probes.Select(p => p.Name).ShouldBe(["p1", "p2"]);
    }
}
