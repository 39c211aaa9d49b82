using System.CommandLine;

namespace Provisioner.Cli;

/// <summary>The options shared by apply, check and validate, defined once.</summary>
public sealed class CliOptions
{
    public Argument<string> Playbook { get; } = new("playbook") { Description = "The playbook (YAML) to run", HelpName = "PLAYBOOK" };
    public Option<string[]> Inventory { get; } = new("--inventory", "-i") { HelpName = "INVENTORY", Description = "Inventory: a YAML or INI file, a directory of them, or host1,host2, (repeatable)" };
    public Option<bool> Check { get; } = new("--check", "-C") { Description = "Change nothing; report what apply would change (drift). Exit 2 when there is drift" };
    public Option<bool> Diff { get; } = new("--diff", "-D") { Description = "Show unified diffs of file content and before/after values (secrets masked)" };
    public Option<string?> Limit { get; } = new("--limit", "-l") { Description = "Only hosts matching this pattern (e.g. mail, 'web:!db')" };
    public Option<string[]> Stage { get; } = new("--stage") { Description = "Only these stages: name, number or range (1-4, ..3); repeatable", AllowMultipleArgumentsPerToken = true };
    public Option<int> Forks { get; } = new("--forks", "-f") { Description = "Hosts run in parallel", DefaultValueFactory = _ => 5, CustomParser = WholeNumber.Parse };
    public Option<string?> Report { get; } = new("--report") { HelpName = CompletionScript.Files, Description = "Write a JSON report to FILE (- for stdout)" };
    public Option<string?> Junit { get; } = new("--junit") { HelpName = CompletionScript.Files, Description = "Write a JUnit XML report to FILE" };
    public Option<string[]> VarsFile { get; } = new("--vars-file") { HelpName = CompletionScript.Files, Description = "Extra variables from a YAML file (repeatable)" };
    public Option<string[]> ExtraVars { get; } = new("--extra-vars", "-e") { Description = "key=value, @file.yml or a JSON/YAML mapping (repeatable)" };
    public Option<string[]> Tags { get; } = new("--tags", "-t") { Description = "Only tasks with one of these tags" };
    public Option<string[]> SkipTags { get; } = new("--skip-tags") { Description = "Skip tasks with one of these tags" };
    public Option<bool> AcceptNewHostKeys { get; } = new("--accept-new-host-keys") { Description = "Trust and record host keys not yet in known_hosts (a changed key is never accepted)" };
    public Option<bool> NoRollback { get; } = new("--no-rollback") { Description = "Leave a failed stage as it is, for debugging" };
    public Option<bool> SkipVerify { get; } = new("--skip-verify") { Description = "Do not run the stages' verification probes" };
    public Option<int> FirewallGuard { get; } = new("--firewall-guard") { Description = "Seconds the host waits after a firewall change for a fresh login before it undoes the stage by itself", DefaultValueFactory = _ => OptionChecks.DefaultFirewallGuardSeconds, CustomParser = WholeNumber.Parse };
    public Option<bool> Timings { get; } = new("--timings") { Description = "After the run, print where each host's time went: connect, facts, each task's read/plan/apply, each probe (also the report's timings field)" };
    public Option<bool> VerifyAll { get; } = new("--verify-all") { Description = "Also run the probes of stages that changed nothing" };
    public Option<string[]> VaultPasswordFile { get; } = new("--vault-password-file") { HelpName = CompletionScript.Files, Description = "File holding the ansible-vault password (an executable is run for it; repeatable)" };
    public Option<string[]> VaultId { get; } = new("--vault-id") { Description = "[ID@]FILE or [ID@]prompt: a vault password for vault id ID (repeatable)" };
    public Option<bool> AskVaultPass { get; } = new("--ask-vault-pass", "-J") { Description = "Ask for the vault password on the terminal" };
    public Option<bool> AskBecomePass { get; } = new("--ask-become-pass", "-K") { Description = "Ask for the sudo password on the terminal (hosts whose inventory gives one keep theirs; validate does not ask)" };
    public Option<int> KeepLogs { get; } = new("--keep-logs") { Description = $"Run logs (JSON, in $PROVISION_LOG_DIR or ~/.local/state/provision/logs) to keep, this run's included; older ones are removed", DefaultValueFactory = _ => RunLogs.DefaultKeep, CustomParser = WholeNumber.Parse };
    public Option<bool> ListHosts { get; } = new("--list-hosts") { Description = "Print the hosts the inventory and --limit select for each play, then exit 0; connects to nothing" };
    public Option<bool> ListTasks { get; } = new("--list-tasks") { Description = "Print the stages, tasks (module, tags) and probes that --stage, --tags and --skip-tags select, then exit 0; connects to nothing" };
    public Option<string> Color { get; } = new Option<string>("--color") { Description = "Colour and a live progress line per host: auto (on a terminal, unless NO_COLOR is set or TERM=dumb), always, never", DefaultValueFactory = _ => "auto" }.AcceptOnlyFromAmong(Reporting.ConsoleStyle.Modes);
    public Option<bool> DiscardJournal { get; } = new("--discard-journal") { Description = "Keep the host as it is when an interrupted run left a stage unfinished: close its journal without undoing it" };

    /// <summary>
    /// Listed for --help only: Program counts -v/-vv itself before parsing (System.CommandLine has no
    /// counted flag), so this option never receives a value.
    /// </summary>
    public Option<bool> Verbose { get; } = new("-v", "-vv", "--verbose") { Description = "More output: -v shows every task and probe, -vv also the operator log on stderr", Recursive = true };

    /// <summary>The ansible-playbook flags beyond the ones above (-u, -b, --private-key, -T, --syntax-check, …).</summary>
    public AnsibleFlags Ansible { get; } = new();

    public void AddRunOptions(Command command) =>
        Add(command, [Check, Diff, Limit, Stage, Forks, Report, Junit, VarsFile, ExtraVars, Tags, SkipTags, AcceptNewHostKeys, NoRollback, SkipVerify, VerifyAll, FirewallGuard, DiscardJournal, Timings, KeepLogs, ListHosts, ListTasks, Color, .. Ansible.Run]);

    public void AddVerifyOptions(Command command) =>
        Add(command, [Limit, Stage, Forks, Report, Junit, VarsFile, ExtraVars, AcceptNewHostKeys, Timings, KeepLogs, ListHosts, ListTasks, Color, .. Ansible.Connection]);

    public void AddValidateOptions(Command command) => Add(command, VarsFile, ExtraVars, Limit, Stage);

    public void AddRollbackOptions(Command command) => Add(command, Limit, VarsFile, ExtraVars, AcceptNewHostKeys);

    public void AddFactsOptions(Command command) => Add(command, AcceptNewHostKeys);

    public void AddInventoryOptions(Command command) => Add(command);

    /// <summary>
    /// The inputs an Ansible user brings (inventories, vault passwords, the prompts) go to every command
    /// alike, so a command line moves from apply to validate, facts or rollback unchanged.
    /// </summary>
    private void Add(Command command, params Option[] options)
    {
        foreach (var o in (Option[])[Inventory, .. options, VaultPasswordFile, VaultId, AskVaultPass, AskBecomePass])
            command.Options.Add(o);
    }
}
