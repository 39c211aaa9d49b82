using System.CommandLine;

namespace Provisioner.Cli;

/// <summary>
/// ansible-playbook's flags that provision had no spelling for. -u, --private-key and -b are defaults
/// a host's inventory overrides, as in Ansible (command-line values are its lowest precedence).
/// </summary>
public sealed class AnsibleFlags
{
    public Option<string?> User { get; } = new("--user", "-u") { Description = "Log in as this user on hosts whose inventory names none", HelpName = "USER" };
    public Option<string?> PrivateKey { get; } = new("--private-key", "--key-file") { Description = "Private key for hosts whose inventory names none", HelpName = CompletionScript.Files };
    public Option<bool> Become { get; } = new("--become", "-b") { Description = "Become root through sudo on hosts whose inventory does not say (a play's become: still decides for its tasks)" };
    public Option<int?> Timeout { get; } = new("--timeout", "-T") { HelpName = "SECONDS", Description = "Seconds to wait for each host's SSH connection (default 15)", CustomParser = r => WholeNumber.Parse(r) };
    public Option<bool> SyntaxCheck { get; } = new("--syntax-check") { Description = "Check the playbook, inventory and vars as validate does, then exit; connects to nothing" };
    public Option<bool> ListTags { get; } = new("--list-tags") { Description = "Print the tags of each play's and stage's tasks, then exit 0; connects to nothing" };
    public Option<string?> StartAtTask { get; } = new("--start-at-task") { Description = "Start at the first task of this name (a glob), skipping every task and stage before it", HelpName = "TASK" };
    public Option<bool> Step { get; } = new("--step") { Description = "Ask before each task: (y)es, (n)o, (c)ontinue without asking; needs a terminal, runs one host at a time" };

    /// <summary>How hosts are reached, for every command that connects.</summary>
    public Option[] Connection => [User, PrivateKey, Become, Timeout];

    public Option[] Run => [.. Connection, SyntaxCheck, ListTags, StartAtTask, Step];
}
