using System.CommandLine;
using Provisioner.Execution;
using Provisioner.Inventories;
using Provisioner.Templating;
using Provisioner.Yaml;

namespace Provisioner.Cli;

/// <summary>
/// <c>provision inventory --list | --host NAME | --graph [GROUP]</c>: what provision read from the
/// inventories, printed as <c>ansible-inventory</c> prints it, so the two can be diffed. Connects nowhere.
/// </summary>
public sealed class InventoryCommand(CliOptions o)
{
    public Option<bool> List { get; } = new("--list") { Description = "Every group with its hosts and children, and each host's variables (_meta.hostvars), as JSON" };
    public Option<string?> Host { get; } = new("--host") { Description = "One host's variables from the inventory, as JSON", HelpName = "HOST" };
    public Option<string?> Graph { get; } = new("--graph") { Description = "The group tree from GROUP (default all) with each group's hosts", HelpName = "GROUP", Arity = ArgumentArity.ZeroOrOne };

    public Command Build(int verbosity)
    {
        var command = new Command("inventory", "Print what provision read from the inventories, as ansible-inventory prints it (--list, --host, --graph)") { List, Host, Graph };
        o.AddInventoryOptions(command);
        command.SetAction(pr => Execute(pr, verbosity));
        return command;
    }

    private int Execute(ParseResult pr, int verbosity)
    {
        var d = new Diagnostics();
        var secrets = new SecretSet();
        var actions = new[] { pr.GetValue(List), pr.Given(Host), pr.Given(Graph) }.Count(a => a);
        if (actions != 1)
            d.Add(SourceSpan.CommandLine("inventory"), actions == 0 ? "no action given" : "give one action at a time", "use one of --list, --host HOST or --graph [GROUP]");
        var config = d.HasErrors ? AnsibleConfig.None : AnsibleConfigFile.Load(verbosity, d);
        var paths = RunInputs.Inventories(o, pr, config);
        if (paths.Count == 0 && !d.HasErrors) d.Add(SourceSpan.CommandLine("inventory"), "no inventory given", "name it with -i FILE, DIRECTORY or host1,host2, (or inventory = in ansible.cfg)");
        var (vault, _) = d.HasErrors ? (null, null) : RunInputs.Passwords(o, pr, secrets, d, config, connects: false);
        var inventory = d.HasErrors ? null : InventoryLoader.LoadAll(paths, d, vault);
        ValidateCommand.PrintWarnings(d.Warnings, secrets);
        ValidateCommand.PrintNotes(d.Notes, verbosity, secrets);
        var output = inventory is null || d.HasErrors ? null : Render(pr, inventory, secrets, d);
        if (output is null)
        {
            ValidateCommand.PrintDiagnostics(d.Items, secrets);
            return ExitCodes.InvalidInput;
        }
        Console.Out.WriteLine(output);
        return ExitCodes.NoChanges;
    }

    private string? Render(ParseResult pr, Inventory inventory, SecretSet secrets, Diagnostics d)
    {
        var dump = new InventoryDump(inventory, secrets);
        if (pr.GetValue(List)) return dump.Write(dump.List());
        if (pr.GetValue(Host) is { } name)
        {
            if (inventory.FindHost(name) is { } host) return dump.Write(dump.Host(host));
            d.Add(SourceSpan.CommandLine("--host"), $"'{name}' is no host of the inventory", Suggest.DidYouMean(name, inventory.Hosts.Select(h => h.Name)) is { } s ? $"did you mean '{s}'?" : "give a host name, as --list shows them");
            return null;
        }
        var groupName = pr.GetValue(Graph) ?? Inventory.AllGroup;
        if (inventory.FindGroup(groupName) is { } group) return Reporting.Printable.Escape(dump.Graph(group));
        d.Add(SourceSpan.CommandLine("--graph"), $"'{groupName}' is no group of the inventory", Suggest.DidYouMean(groupName, inventory.Groups.Select(g => g.Name)) is { } g ? $"did you mean '{g}'?" : "give a group name, or none for all");
        return null;
    }
}
