using Provisioner.LabTests.Lab;

namespace Provisioner.LabTests.Journal;

/// <summary>The stage journals on a lab host, by the ids provision rollback --journal takes.</summary>
public static class LabJournals
{
    public const string Root = "/var/lib/provision/journal";

    /// <summary>The id (RUN/pPP-SS-name) of the newest journal of a stage, or "" when there is none.</summary>
    public static string Newest(LabInstance lab, int stage, int play = 1) =>
        lab.Run($"cd {Root} 2>/dev/null && ls -d */p{play:00}-{stage:00}-* 2>/dev/null | sort | tail -n 1 || true");

    /// <summary>How many journals of a stage are in a state (open, committed, …).</summary>
    public static int Count(LabInstance lab, int stage, string state, int play = 1) =>
        int.Parse(lab.Run($"grep -lx {state} {Root}/*/p{play:00}-{stage:00}-*/state 2>/dev/null | wc -l"), System.Globalization.CultureInfo.InvariantCulture);
}
