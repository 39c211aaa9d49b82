using System.Globalization;
using Provisioner.Execution;
using Provisioner.Playbooks;
using Provisioner.Yaml;

namespace Provisioner.Cli;

/// <summary>
/// Command-line values that would otherwise fail, or do nothing without a word, only once a run is
/// under way: each is a diagnostic before anything connects (exit 4).
/// </summary>
public static class OptionChecks
{
    public const int DefaultFirewallGuardSeconds = 90;

    /// <summary>
    /// The shortest guard that still leaves the host time for the firewall change, the re-read and a
    /// fresh SSH login before its timer undoes the stage under a controller that is fine.
    /// </summary>
    public const int MinFirewallGuardSeconds = 15;

    public static void FirewallGuard(int seconds, Diagnostics d)
    {
        if (seconds < MinFirewallGuardSeconds)
            d.Add(SourceSpan.CommandLine("--firewall-guard"), $"{seconds} seconds is too short to be safe: the host would undo a stage while the controller is still fine",
                $"give at least {MinFirewallGuardSeconds} seconds (default {DefaultFirewallGuardSeconds})");
    }

    public static void Timeout(int? seconds, Diagnostics d)
    {
        if (seconds is < 1) d.Add(SourceSpan.CommandLine("--timeout"), $"a connection timeout of {seconds} seconds can never connect", "give at least 1 second (default 15)");
    }

    public static void Forks(int forks, Diagnostics d)
    {
        if (forks < 1)
            d.Add(SourceSpan.CommandLine("--forks"), $"must be 1 or more (how many hosts run at once), not {forks}", "write --forks 5, or leave it out");
    }

    /// <summary>A range must run low to high and, once the playbook is known, reach at least one stage.</summary>
    public static void Stages(StageSelection selection, Playbook? playbook, Diagnostics d)
    {
        var numbers = playbook?.Plays.SelectMany(p => p.Stages).Select(s => s.Number).ToList();
        foreach (var item in selection.Items.Where(i => StageSelection.TryRange(i, out _, out _)))
        {
            StageSelection.TryRange(item, out var lo, out var hi);
            var span = SourceSpan.CommandLine("--stage");
            if (lo > hi)
                d.Add(span, $"the range '{item}' runs backwards", $"write --stage {hi.ToString(CultureInfo.InvariantCulture)}-{lo.ToString(CultureInfo.InvariantCulture)}");
            else if (numbers is { Count: > 0 } && !numbers.Any(n => n >= lo && n <= hi))
                d.Add(span, $"the range '{item}' holds no stage of {playbook!.File}", $"its stages are numbered 1 to {numbers.Max().ToString(CultureInfo.InvariantCulture)}");
        }
    }
}
