namespace Provisioner.Probes;

/// <summary>
/// The checks one probe run made, in order. The first failure is the evidence shown on rollback,
/// so later checks (which usually depend on the same session) are not attempted after it.
/// </summary>
internal sealed class CheckLog
{
    private readonly List<(string Expected, string Actual)> _passed = [];

    /// <summary>What the step in progress expects; an exception during it is reported against this.</summary>
    public string Current { get; private set; } = "the probe to run";

    public ProbeOutcome? Failure { get; private set; }

    public bool Failed => Failure is not null;

    public bool AnyPassed => _passed.Count > 0;

    public void Step(string expected) => Current = expected;

    public bool Check(bool ok, string expected, string actual)
    {
        if (Failure is not null) return false;
        if (ok) _passed.Add((expected, actual));
        else Failure = ProbeOutcome.Fail(expected, actual);
        return ok;
    }

    public void Fail(string actual) => Check(false, Current, actual);

    public ProbeOutcome Outcome() => Failure ?? (_passed.Count == 0
        ? ProbeOutcome.Pass(Current, "done")
        : ProbeOutcome.Pass(string.Join("; ", _passed.Select(p => p.Expected)), string.Join("; ", _passed.Select(p => p.Actual).Distinct())));
}
