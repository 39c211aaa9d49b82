using Provisioner.Execution;
using Provisioner.Playbooks;
using Provisioner.Reporting;
using Provisioner.Templating;

namespace Provisioner.Cli;

/// <summary>
/// --list-hosts and --list-tasks (ansible-playbook's): what a prepared run would touch, printed
/// instead of running it. Nothing connects.
/// </summary>
public static class RunListing
{
    /// <summary>Each play with the hosts the inventory and --limit select for it.</summary>
    public static void Hosts(PreparedRun prepared, TextWriter output, SecretSet secrets)
    {
        foreach (var (play, number) in prepared.Playbook!.Plays.Select((p, i) => (p, i + 1)))
        {
            var hosts = prepared.Hosts.Where(h => h.Plays.Any(p => ReferenceEquals(p.Play, play))).ToList();
            output.WriteLine(Printable.Shown(secrets, $"{Header(play, number)}: {hosts.Count} host(s)"));
            foreach (var h in hosts) output.WriteLine(Printable.Shown(secrets, $"  {h.Name}"));
        }
    }

    /// <summary>
    /// Each play's selected stages (--stage) with the tasks the tags select and, unless the probes are
    /// skipped, the probes that verify the stage; verify lists the probes only.
    /// </summary>
    public static void Tasks(PreparedRun prepared, RunOptions options, TextWriter output, SecretSet secrets)
    {
        foreach (var (play, number) in prepared.Playbook!.Plays.Select((p, i) => (p, i + 1)))
        {
            output.WriteLine(Printable.Shown(secrets, Header(play, number)));
            foreach (var stage in play.Stages.Where(s => options.Stages.Includes(s.Number, s.Name)))
            {
                output.WriteLine(Printable.Shown(secrets, $"  stage {stage.Number} {stage.Name}"));
                var tasks = options.VerifyOnly ? [] : stage.Tasks.Where(options.Selects);
                foreach (var t in tasks)
                    output.WriteLine(Printable.Shown(secrets, $"    task {t.Name} ({t.Module}){(t.Tags.Count > 0 ? $" [tags: {string.Join(", ", t.Tags)}]" : "")}" +
                        (IrreversibleSteps.Why(t, Modules.ModuleRegistry.Default) is { } why ? $" [may not be undone: {why}]" : "")));
                foreach (var p in options.SkipVerify ? [] : stage.Verify)
                    output.WriteLine(Printable.Shown(secrets, $"    verify {p.Name} ({p.Kind})"));
            }
        }
    }

    private static string Header(Play play, int number) => $"play {number} {play.Name} (hosts: {play.Hosts})";
}
