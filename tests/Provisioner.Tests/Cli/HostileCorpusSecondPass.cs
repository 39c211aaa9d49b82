using System.Diagnostics;

namespace Provisioner.Tests.CliTests;

/// <summary>
/// Issue 24's hostile inputs (the second adversarial pass): each once hung, grew without bound, ended in
/// "internal error", quoted a secret or was silently ignored. Generated into the test's own directory.
/// </summary>
internal static partial class HostileCorpus
{
    private const string Secret = "hunter2-s3cr3t";

    private static HostileCase SecondPass(string name, string dir) => name switch
    {
        // Host ranges: counted without wrapping, capped before they are expanded.
        "range-letter-step-wraps" => ValidateWith(dir, Inventory("\"h[a:z:65536]\":"), Exit0("hosts: ha)")),
        "range-counter-wraps" => ValidateWith(dir, Inventory("\"h[9223372036854775800:9223372036854775807:5]\":"), Exit0("hosts: h9223372036854775800, h9223372036854775805)")),
        "range-multiplies-past-the-cap" => ValidateWith(dir, Inventory("\"h[0:9999][0:9999][0:9999]\":"), new([], ["inventory.yml:3:", "more than 10000 hosts"])),
        // Host patterns: a glob never backtracks; "did you mean" is bounded.
        "glob-backtracking-limit" => ValidateWith(dir, Inventory(new string('a', 200) + ":"), new(["--limit", string.Concat(Enumerable.Repeat("*a", 40)) + "*b"], ["no host matches"], Located: false)),
        "glob-backtracking-hosts" => new(["validate", Write(dir, "glob.yml", "- hosts: \"" + string.Concat(Enumerable.Repeat("*a", 40)) + "*b\"\n  tasks:\n    - copy: { dest: /etc/x, content: hi }\n"),
            "-i", Write(dir, "inventory.yml", Inventory(new string('a', 200) + ":"))], ["no host matches"], Located: false),
        "did-you-mean-many-hosts" => ValidateWith(dir, Inventory("\"h[00000:09999]\":"), new(["--limit", new string('x', 100_000)], ["is neither a group nor a host"], Located: false)),
        // Filters and operators are charged by the work they do; a doubling capture stops early.
        "filter-sort-in-a-loop" => Validate(Write(dir, "sort.yml", Task("{% assign l = (1..1000000) %}{% for i in (1..1000) %}{% assign s = l | sort %}{% endfor %}")), "sort.yml:3:", "limit"),
        "filter-md5-in-a-loop" => Validate(Write(dir, "md5.yml", Task("{% assign s = 'xxxxxxxxxx' %}{% for i in (1..17) %}{% assign s = s | append: s %}{% endfor %}{% for i in (1..100000) %}{% assign h = s | md5 %}{% endfor %}")), "md5.yml:3:", "limit"),
        "contains-in-a-loop" => Validate(Write(dir, "contains.yml", Task("{% assign l = (1..1000000) %}{% for i in (1..100000) %}{% if l contains 0 %}{% endif %}{% endfor %}")), "contains.yml:3:", "limit"),
        "capture-doubling" => Validate(Write(dir, "capture.yml", Task("{% assign x = 'ab' %}{% for i in (1..60) %}{% capture x %}{{ x }}{{ x }}{% endcapture %}{% endfor %}{{ x | size }}")), "capture.yml:3:", "limit"),
        // Files that are not files, named where the variable that points there is written.
        "identity-file-dev-zero" => Apply(dir, Inventory("mail: { address: 127.0.0.1, port: 1, identity_file: /dev/zero }"), "inventory.yml:3:", "identity_file", "/dev/zero", "a character device"),
        "known-hosts-fifo" => Apply(dir, Inventory($"mail: {{ address: 127.0.0.1, port: 1, known_hosts: {Fifo(dir)} }}"), "inventory.yml:3:", "known_hosts", "a named pipe"),
        "known-hosts-directory" => Apply(dir, Inventory($"mail: {{ address: 127.0.0.1, port: 1, known_hosts: {dir} }}"), "inventory.yml:3:", "known_hosts", "a directory"),
        "ssh-config-dev-zero" => Apply(dir, Inventory("mail: { address: 127.0.0.1, port: 1, ssh_config: /dev/zero }"), "inventory.yml:3:", "ssh_config", "a character device"),
        "template-symlink-loop" => Validate(Write(dir, "loop.yml", "- hosts: all\n  tasks:\n    - template: { src: " + Loop(dir) + ", dest: /etc/x }\n"), "loop.yml:3:", "a loop of symbolic links"),
        "inventory-symlink-loop" => new(["validate", Hostile("ok.yml"), "-i", Loop(dir)], ["a loop of symbolic links"], Located: false),
        "vault-script-endless-output" => new(["validate", Hostile("ok.yml"), "--vault-password-file", Script(dir, "exec yes " + Secret)], ["--vault-password-file", "more than"], Located: false) { Absent = [Secret] },
        // Secrets: unknown tags refused, a secret's text never quoted.
        "yaml-tag-secert" => Validate(Write(dir, "tag.yml", SecretPlay("!secert " + Secret)), "tag.yml:3:9:", "'!secert'", "!secret"),
        "yaml-tag-capital-secret" => Validate(Write(dir, "tag.yml", SecretPlay("!Secret " + Secret)), "tag.yml:3:9:", "'!Secret'", "!secret"),
        "yaml-tag-double-bang-secret" => Validate(Write(dir, "tag.yml", SecretPlay("!!secret " + Secret)), "tag.yml:3:9:", "'!!secret'", "!secret"),
        "secret-on-a-mapping" => Validate(Write(dir, "map.yml", SecretPlay($"!secret {{ a: {Secret} }}")), "map.yml:3:9:", "!secret") with { Absent = [Secret] },
        "secret-with-a-syntax-error" => Validate(Write(dir, "syntax.yml", SecretPlay($"!secret \"{Secret} {{% if %}}\"")), "syntax.yml:3:") with { Absent = [Secret] },
        "secret-as-a-filter-name" => Validate(Write(dir, "filter.yml", SecretPlay("!secret \"{{ 'x' | " + Secret.Replace('-', '_') + " }}\"")), "filter.yml:3:") with { Absent = [Secret.Replace('-', '_')] },
        // A templated vars file is rendered and loaded, never ignored.
        "vars-file-template-missing" => Validate(Write(dir, "vf.yml", "- hosts: all\n  vars_files: [\"vars/{{ env }}.yml\"]\n  vars: { env: prod }\n  tasks:\n    - copy: { dest: /etc/x, content: hi }\n"), "vf.yml:2:", "vars/prod.yml"),
        // cidrs writes nothing unless every line is sound.
        "cidrs-negative-count" => Cidrs(dir, "ripencc|JP|ipv4|1.0.16.0|-4096|20110412|allocated"),
        "cidrs-prefix-129" => Cidrs(dir, "ripencc|JP|ipv6|2001:db8::|129|20110412|allocated"),
        "cidrs-non-ascii-digits" => Cidrs(dir, "ripencc|JP|ipv4|1.0.16.0|４０９６|20110412|allocated"),
        // Messages of our own, never .NET's.
        "empty-inventory-path" => new(["validate", Hostile("ok.yml"), "-i", ""], ["-i", "empty"], Located: false) { Absent = ["ArgumentException", "(Parameter"] },
        "filter-argument-out-of-range" => Validate(Write(dir, "slice.yml", Task("{{ 'abc' | slice: 1, 2147483647 }}")), "slice.yml:3:", "'slice'") with { Absent = ["(Parameter"] },
        "forks-not-a-number" => new(["apply", Hostile("ok.yml"), "--forks", "abc"], ["--forks expects a whole number, not 'abc'"], Located: false) { Absent = ["System.Int32"] },
        "filter-round-out-of-range" => Validate(Write(dir, "round.yml", Task("{{ 1.5 | round: 99 }}")), "round.yml:3:", "'round'") with { Absent = ["(Parameter"] },
        _ => throw new ArgumentException($"no hostile case '{name}'", nameof(name)),
    };

    private static string Inventory(string hostLine) => $"all:\n  hosts:\n    {hostLine}\n";

    private static string SecretPlay(string value) => $"- hosts: all\n  vars:\n    pw: {value}\n  tasks:\n    - copy: {{ dest: /etc/x, content: \"{{{{ pw }}}}\" }}\n";

    private static HostileCase Exit0(string name) => new([], [name], Located: false, Exit: 0);

    /// <summary>validate ok.yml with an inventory, plus the case's own arguments.</summary>
    private static HostileCase ValidateWith(string dir, string inventory, HostileCase rest) =>
        rest with { Args = ["validate", Hostile("ok.yml"), "-i", Write(dir, "inventory.yml", inventory), .. rest.Args] };

    /// <summary>apply: what is only read when connecting must be refused before any connection.</summary>
    private static HostileCase Apply(string dir, string inventory, params string[] names) =>
        new(["apply", Hostile("ok.yml"), "-i", Write(dir, "inventory.yml", inventory)], names);

    private static HostileCase Cidrs(string dir, string line) =>
        new(["cidrs", "--country", "JP", Write(dir, "delegated.txt", "2|ripencc|20261127|3|19830705|20261126|+0100\n" + line + "\n")], ["delegated.txt:2:"]);

    private static string Loop(string dir)
    {
        var (a, b) = (Path.Combine(dir, "loop-a"), Path.Combine(dir, "loop-b"));
        File.CreateSymbolicLink(a, b);
        File.CreateSymbolicLink(b, a);
        return a;
    }

    private static string Fifo(string dir)
    {
        var path = Path.Combine(dir, "fifo");
        using var mkfifo = Process.Start("mkfifo", [path])!;
        mkfifo.WaitForExit();
        return path;
    }

    private static string Script(string dir, string body)
    {
        var path = Write(dir, "vault-pass.sh", "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
