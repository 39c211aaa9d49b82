using Provisioner.Execution;
using Provisioner.Net;
using Provisioner.Yaml;

namespace Provisioner.Cli;

/// <summary>
/// cidrs: builds a country's reject list from RIR delegated-stats files the user downloaded, as a
/// vars file for playbooks/site.yml stage 8 (client_reject_cidrs). Works offline. Every file is read
/// and checked before the first line is written, so bad input never leaves half a vars file.
/// </summary>
public static class CidrsCommand
{
    public static int Execute(string[] countries, string[] files, TextWriter output, TextWriter error)
    {
        var wanted = countries.SelectMany(c => c.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(c => c.ToUpperInvariant()).ToHashSet();
        if (wanted.Count == 0 || wanted.Any(c => c.Length != 2 || !c.All(char.IsAsciiLetter)))
        {
            error.WriteLine("provision cidrs: --country needs ISO 3166 two-letter codes, e.g. --country CN,RU");
            return ExitCodes.InvalidInput;
        }
        if (files.Length == 0)
        {
            error.WriteLine("provision cidrs: name one or more RIR files (delegated-apnic-latest, delegated-ripencc-latest, …)");
            return ExitCodes.InvalidInput;
        }
        var d = new Diagnostics();
        var all = new List<Cidr>();
        foreach (var f in files)
            all.AddRange(RirStats.Country(InputLines.Read(f, d, InputLimits.MaxRirFileBytes, "an RIR delegated-stats file (delegated-*-latest)"), wanted, d, f));
        if (d.HasErrors)
        {
            foreach (var problem in d.Items) error.WriteLine(Reporting.Printable.Escape(problem.ToString()));
            error.WriteLine($"{d.Items.Count} error(s); nothing was written (exit 4).");
            return ExitCodes.InvalidInput;
        }
        var blocks = Cidr.Collapse(all);
        output.WriteLine($"# {blocks.Count} blocks for {string.Join(",", wanted.Order())} from {string.Join(", ", files.Select(Path.GetFileName))}");
        output.WriteLine("# RIR data says where addresses were delegated, not where they are used.");
        output.WriteLine("client_reject_cidrs:");
        foreach (var b in blocks) output.WriteLine($"  - {b}");
        return ExitCodes.NoChanges;
    }
}
