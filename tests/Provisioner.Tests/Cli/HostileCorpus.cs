using System.Text;
using Provisioner.Yaml;

namespace Provisioner.Tests.CliTests;

/// <summary>One hostile input: the command line to run, and what stderr must name (the file and the limit or fault).</summary>
/// <param name="Located">True when stderr must hold FILE:LINE:COLUMN (false for a path that is not a file at all).</param>
/// <param name="Exit">The exit code: 4 (invalid input) unless the input is hostile only in what it costs.</param>
public sealed record HostileCase(string[] Args, string[] Names, bool Located = true, int Exit = 4)
{
    /// <summary>What stderr must never hold: a secret from the input, a raw .NET message.</summary>
    public string[] Absent { get; init; } = [];
}

/// <summary>
/// The hostile-input corpus of issue 11: inputs that once hung, grew without bound, crashed or ended
/// in "internal error". Small ones are files under Fixtures/hostile; large ones are generated here,
/// into the test's own directory, so none is committed. Issue 24's cases are in <see cref="HostileCorpusSecondPass"/>.
/// </summary>
internal static partial class HostileCorpus
{
    public static string Hostile(string file) => Fixture.Path(Path.Combine("hostile", file));

    public static HostileCase Get(string name, string dir) => name switch
    {
        "yaml-alias-bomb" => Validate(Write(dir, "laughs.yml", Play(Laughs(10))), "laughs.yml:", "(alias expansion limit)"),
        "yaml-deep-nesting" => Validate(Write(dir, "deep.yml", Play("    x: " + new string('[', 100_000) + new string(']', 100_000) + "\n")), "deep.yml:", "(nesting depth limit)"),
        "oversized-playbook" => Validate(Write(dir, "big.yml", Play(string.Concat(Enumerable.Repeat("    # padding padding padding padding padding padding padding padding\n", InputLimits.MaxFileBytes / 64)))), "big.yml:", "(input size limit)"),
        "invalid-utf8" => Validate(WriteBytes(dir, "latin1.yml", [.. "- hosts: all\n  tasks:\n    - copy: { dest: /etc/x, content: \"caf"u8, 0xE9, .. "\" }\n"u8]), "latin1.yml:3:42:", "invalid UTF-8"),
        "dev-zero-playbook" => new(["validate", "/dev/zero"], ["/dev/zero: not a regular file"], Located: false),
        "proc-mem-playbook" => new(["validate", "/proc/1/mem"], ["/proc/1/mem"], Located: false),
        "empty-address" => Validate(Hostile("ok.yml"), "empty-address.inventory.yml:3:", "the address of host 'mail' is empty") with
        {
            Args = ["validate", Hostile("ok.yml"), "-i", Hostile("empty-address.inventory.yml")],
        },
        "cidrs-dev-zero" => new(["cidrs", "--country", "JP", "/dev/zero"], ["/dev/zero: not a regular file"], Located: false),
        "cidrs-count-overflow" => new(["cidrs", "--country", "JP", Hostile("cidr-overflow.txt")], ["cidr-overflow.txt:3:", "past the end of the IPv4 address space"]),
        "report-in-missing-directory" => new(["apply", Hostile("ok.yml"), "--report", Path.Combine(dir, "no", "such", "dir", "r.json")], ["--report: the directory"], Located: false),
        "junit-to-dev-full" => new(["apply", Hostile("ok.yml"), "--junit", "/dev/full"], ["--junit: '/dev/full' is a character device"], Located: false),
        "zero-forks" => new(["apply", Hostile("ok.yml"), "--forks", "0"], ["--forks: must be 1 or more"], Located: false),
        "short-firewall-guard" => new(["apply", Hostile("ok.yml"), "--firewall-guard", "5"], ["--firewall-guard: 5 seconds is too short to be safe"], Located: false),
        "backwards-stage-range" => new(["apply", Hostile("ok.yml"), "--stage", "9-1"], ["--stage: the range '9-1' runs backwards"], Located: false),
        // What the templating engine must bound or refuse; its messages are its own, so only the file is named here.
        "liquid-nested-loops" => Validate(Hostile("nested-loops.yml"), "nested-loops.yml:", "limit"),
        "liquid-nested-ifs" => Validate(Write(dir, "ifs.yml", Task(string.Concat(Enumerable.Repeat("{% if true %}", 3000)) + "x" + string.Concat(Enumerable.Repeat("{% endif %}", 3000)))), "ifs.yml:", "limit"),
        "liquid-chained-filters" => Validate(Write(dir, "filters.yml", Task("{{ 'a'" + string.Concat(Enumerable.Repeat(" | upcase", 10_000)) + " }}")), "filters.yml:", "limit"),
        "variable-expansion-bomb" => Validate(Hostile("variable-bomb.yml"), "variable-bomb.yml:", "limit"),
        "liquid-divided-by-zero" => Validate(Hostile("divided-by-zero.yml"), "divided-by-zero.yml:4:"),
        "liquid-modulo-zero" => Validate(Hostile("modulo-zero.yml"), "modulo-zero.yml:4:"),
        "liquid-number-overflow" => Validate(Hostile("number-overflow.yml"), "number-overflow.yml:3:"),
        "liquid-self-include" => Validate(Hostile("self-include.yml"), "self.liquid"),
        "liquid-unknown-filter" => Validate(Hostile("unknown-filter.yml"), "unknown-filter.yml:3:", "no_such_filter"),
        _ => SecondPass(name, dir),
    };

    internal static HostileCase Validate(string playbook, params string[] names) => new(["validate", playbook], names);

    private static string Play(string vars) => $"- hosts: all\n  vars:\n{vars}\n  tasks:\n    - copy: {{ dest: /etc/x, content: hi }}\n";

    internal static string Task(string content) => $"- hosts: all\n  tasks:\n    - copy: {{ dest: /etc/x, content: \"{content}\" }}\n";

    /// <summary>Billion laughs: each anchor is ten aliases of the one before.</summary>
    private static string Laughs(int levels)
    {
        var lines = new StringBuilder("    a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i < levels; i++) lines.Append($"    a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        return lines.ToString();
    }

    internal static string Write(string dir, string name, string text) => WriteBytes(dir, name, Encoding.UTF8.GetBytes(text));

    private static string WriteBytes(string dir, string name, byte[] bytes)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
