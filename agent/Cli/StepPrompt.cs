using Microsoft.Win32.SafeHandles;
using Provisioner.Playbooks;
using Provisioner.Yaml;

namespace Provisioner.Cli;

/// <summary>
/// --step, as ansible-playbook asks it: "Perform task: NAME (N)o/(y)es/(c)ontinue:" before each task.
/// (c)ontinue runs the rest without asking. Needs a terminal; hosts run one at a time meanwhile.
/// </summary>
public sealed class StepPrompt(TextReader input, TextWriter output)
{
    private readonly Lock _lock = new();
    private bool _continue;

    public static StepPrompt? ForTerminal(Diagnostics d)
    {
        // The terminal's own line editing reads the answer: Console.In would set up .NET's console,
        // which writes a keypad control sequence even with colour off (see PlainConsole).
        if (!Console.IsInputRedirected)
            return new StepPrompt(new StreamReader(new FileStream(new SafeFileHandle(0, ownsHandle: false), FileAccess.Read, bufferSize: 0)), Console.Error);
        d.Add(SourceSpan.CommandLine("--step"), "needs a terminal to ask before each task, and standard input is not one",
            "leave --step out, or choose tasks with --tags, --skip-tags or --start-at-task");
        return null;
    }

    public bool Ask(string host, TaskSpec task)
    {
        lock (_lock)
        {
            while (!_continue)
            {
                output.Write($"Perform task: {task.Name} on {host} (N)o/(y)es/(c)ontinue: ");
                var answer = input.ReadLine()?.Trim().ToLowerInvariant();
                switch (answer)
                {
                    case "y" or "yes": return true;
                    case "c" or "continue": _continue = true; return true;
                    case null or "" or "n" or "no": return false;
                }
            }
            return true;
        }
    }
}
