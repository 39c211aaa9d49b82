using System.CommandLine;
using System.Text.Json;
using Provisioner.Execution;
using Provisioner.HostFacts;
using Provisioner.Inventories;
using Provisioner.Templating;
using Provisioner.Variables;
using Provisioner.Yaml;

namespace Provisioner.Cli;

/// <summary>facts: connect to the matching hosts and print the facts the engine reads, as JSON.</summary>
public static class FactsCommand
{
    public static async Task<int> ExecuteAsync(CliOptions o, ParseResult pr, string pattern, int verbosity, CancellationToken ct)
    {
        var d = new Diagnostics();
        var secrets = new SecretSet();
        var config = AnsibleConfigFile.Load(verbosity, d);
        var (vault, becomePassword) = d.HasErrors ? (null, null) : RunInputs.Passwords(o, pr, secrets, d, config);
        var inventoryPaths = RunInputs.Inventories(o, pr, config);
        var acceptNew = RunInputs.AcceptNewHostKeys(o, pr, config);
        var defaults = RunInputs.Connection(o.Ansible, pr, config);
        var inventory = d.HasErrors ? null : inventoryPaths.Count == 0 ? Inventory.Implicit() : InventoryLoader.LoadAll(inventoryPaths, d, vault);
        var hosts = inventory is null ? [] : InventoryPattern.Match(inventory, pattern, d, SourceSpan.CommandLine("host"));
        ValidateCommand.PrintWarnings(d.Warnings, secrets);
        if (inventory is null || d.HasErrors)
        {
            ValidateCommand.PrintDiagnostics(d.Items, secrets);
            return ExitCodes.InvalidInput;
        }
        var builder = new HostVarsBuilder(inventory, [], secrets);
        var connector = new SshHostConnector(null);
        var exit = ExitCodes.NoChanges;
        var output = new Dictionary<string, object?>();
        foreach (var host in hosts)
        {
            var plan = new HostPlan(host.Name, defaults.Apply(builder.BuildHost(host, [], d).Connection).WithAskedBecomePassword(becomePassword), []);
            var attempt = await connector.ConnectAsync(plan, acceptNew, ct).ConfigureAwait(false);
            if (attempt.Host is null)
            {
                Console.Error.WriteLine(Reporting.Printable.Escape($"[{host.Name}] unreachable: {attempt.Error}"));
                exit = ExitCodes.Unreachable;
                continue;
            }
            await using var remote = attempt.Host;
            var versions = Modules.ModuleRegistry.Default.Versions;
            var result = await remote.RunAsync(FactsReader.Command(Modules.ModuleRegistry.Default), ct).ConfigureAwait(false);
            if (!result.Ok) { Console.Error.WriteLine(Reporting.Printable.Escape($"[{host.Name}] could not read facts: {result.Describe()}")); exit = ExitCodes.Failed; continue; }
            output[host.Name] = FactsReader.ToVars(FactsReader.Parse(result.Stdout), versions);
        }
        Console.Out.WriteLine(JsonSerializer.Serialize(output, new JsonSerializerOptions { WriteIndented = true }));
        return exit;
    }
}
