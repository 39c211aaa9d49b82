using System.CommandLine;
using Provisioner.Inventories;
using Provisioner.Modules;
using Provisioner.Playbooks;
using Provisioner.Probes;
using Provisioner.Yaml;

namespace Provisioner.Cli;

/// <summary>
/// The hidden <c>provision __complete hosts|stages WORDS…</c> the completion script calls: host and
/// group names of the inventories the words name (-i) after <c>-l</c>, the playbook's stage names after
/// <c>--stage</c>. The words are parsed by the real command tree; any problem completes to nothing.
/// </summary>
public static class CompletionValues
{
    public const string CommandName = "__complete";

    /// <param name="tree">A fresh command tree with the options it was built from, to parse the words with.</param>
    public static Command Build(Func<(CliOptions Options, RootCommand Root)> tree)
    {
        var kind = new Argument<string>("kind");
        var words = new Argument<string[]>("words") { Arity = ArgumentArity.ZeroOrMore };
        var command = new Command(CommandName) { Hidden = true };
        command.Arguments.Add(kind);
        command.Arguments.Add(words);
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(pr =>
        {
            var (o, root) = tree();
            foreach (var name in Values(o, root, pr.GetValue(kind)!, [.. pr.GetValue(words) ?? [], .. pr.UnmatchedTokens])) Console.Out.WriteLine(name);
            return 0;
        });
        return command;
    }

    private static IEnumerable<string> Values(CliOptions o, RootCommand root, string kind, string[] words)
    {
        try
        {
            var pr = root.Parse(words, new ParserConfiguration { ResponseFileTokenReplacer = null });
            var d = new Diagnostics();
            if (kind == "hosts")
            {
                var inventories = pr.GivenValue(o.Inventory) ?? [];
                if (inventories.Length == 0 || InventoryLoader.LoadAll(inventories, d) is not { } inventory) return [];
                return inventory.Groups.Select(g => g.Name).Concat(inventory.Hosts.Select(h => h.Name)).Distinct();
            }
            if (kind == "stages" && pr.GetResult(o.Playbook) is not null && pr.GetValue(o.Playbook) is { } path
                && PlaybookParser.Parse(path, ModuleRegistry.Default, ProbeRegistry.Default, d) is { } playbook)
                return playbook.Plays.SelectMany(p => p.Stages).Select(s => s.Name);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // Completion offers what it can; a file it cannot read offers nothing.
        }
        return [];
    }
}
