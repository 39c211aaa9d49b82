using System.Text;
using Microsoft.Win32.SafeHandles;
using Provisioner.Reporting;

namespace Provisioner.Cli;

/// <summary>
/// With colour off, provision writes no terminal control sequence at all. .NET's console streams do
/// write one: their first write on a terminal switches it to keypad application mode (terminfo's
/// keypad_xmit, ESC [?1h ESC =), whatever NO_COLOR says. So when standard output is a terminal and
/// colour is off, both streams are plain file streams on descriptors 1 and 2 instead.
/// </summary>
internal static class PlainConsole
{
    /// <summary>Decided before the command line is parsed: the parser's own errors go to these streams too.</summary>
    public static void UseWhenColourIsOff(IReadOnlyList<string> args)
    {
        if (Console.IsOutputRedirected || !ColourIsOff(args, Environment.GetEnvironmentVariable, !Console.IsErrorRedirected)) return;
        Console.SetOut(Writer(1));
        Console.SetError(Writer(2));
    }

    /// <summary>As the console reporter will decide it (<see cref="ConsoleStyle"/>), from --color as typed; a command without --color is auto.</summary>
    public static bool ColourIsOff(IReadOnlyList<string> args, Func<string, string?> environment, bool stderrIsTerminal)
    {
        var mode = ConsoleStyle.AnsibleColor(ColorArgument(args) ?? "auto", environment("ANSIBLE_NOCOLOR"), environment("ANSIBLE_FORCE_COLOR"));
        return !ConsoleStyle.Decide(mode, stderrIsTerminal, environment("NO_COLOR"), environment("TERM"), 0).Color;
    }

    private static string? ColorArgument(IReadOnlyList<string> args)
    {
        string? mode = null;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--") break;
            if (args[i] == "--color" && i + 1 < args.Count) mode = args[++i];
            else if (args[i].StartsWith("--color=", StringComparison.Ordinal)) mode = args[i]["--color=".Length..];
        }
        return mode;
    }

    // Synchronized, autoflushed and without a byte order mark, as the console's own writers are.
    private static TextWriter Writer(int descriptor) =>
        TextWriter.Synchronized(new StreamWriter(new FileStream(new SafeFileHandle(descriptor, ownsHandle: false), FileAccess.Write, bufferSize: 0), new UTF8Encoding(false)) { AutoFlush = true });
}
