using Provisioner.Execution;
using Provisioner.Net;

namespace Provisioner.Cli;

/// <summary>
/// cidrs: builds a country's reject list from RIR delegated-stats files the user downloaded, as a
/// vars file for playbooks/site.yml stage 8 (client_reject_cidrs). Works offline.
/// </summary>
public static class CidrsCommand
{
    public static int Execute(string[] countries, string[] files)
    {
        var wanted = countries.SelectMany(c => c.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(c => c.ToUpperInvariant()).ToHashSet();
        if (wanted.Count == 0 || wanted.Any(c => c.Length != 2 || !c.All(char.IsAsciiLetter)))
        {
            Console.Error.WriteLine("provision cidrs: --country needs ISO 3166 two-letter codes, e.g. --country CN,RU");
            return ExitCodes.InvalidInput;
        }
        var missing = files.Where(f => !File.Exists(f)).ToList();
        if (files.Length == 0 || missing.Count > 0)
        {
            Console.Error.WriteLine(files.Length == 0
                ? "provision cidrs: name one or more RIR files (delegated-apnic-latest, delegated-ripencc-latest, …)"
                : $"provision cidrs: not found: {string.Join(", ", missing)} — download the RIR delegated-*-latest files first");
            return ExitCodes.InvalidInput;
        }
        var problems = new List<string>();
        var all = files.SelectMany(f => RirStats.Country(File.ReadLines(f), wanted, problems, f)).ToList();
        var blocks = Cidr.Collapse(all);
        foreach (var p in problems) Console.Error.WriteLine($"warning: {p}");
        Console.Out.WriteLine($"# {blocks.Count} blocks for {string.Join(",", wanted.Order())} from {string.Join(", ", files.Select(Path.GetFileName))}");
        Console.Out.WriteLine("# RIR data says where addresses were delegated, not where they are used.");
        Console.Out.WriteLine("client_reject_cidrs:");
        foreach (var b in blocks) Console.Out.WriteLine($"  - {b}");
        return ExitCodes.NoChanges;
    }
}
