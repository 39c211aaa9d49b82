using Provisioner.Yaml;

namespace Provisioner.Reporting;

/// <summary>
/// How the console reporter writes: ANSI colour for outcomes, and a live progress line per running host
/// redrawn in place. Decided once per run from the terminal, <c>NO_COLOR</c>, <c>TERM</c> and <c>--color</c>.
/// </summary>
public sealed record ConsoleStyle(bool Color, bool Live, int Width)
{
    /// <summary>Today's plain lines: no escape codes, no carriage returns (pipes, files, CI).</summary>
    public static readonly ConsoleStyle Plain = new(false, false, 0);

    public static readonly string[] Modes = ["auto", "always", "never"];

    /// <summary>
    /// auto: colour and progress only on a terminal that can clear a line (TERM is not dumb) and when
    /// NO_COLOR is unset or empty (no-color.org); always: colour even into a pipe or despite NO_COLOR,
    /// progress still only on such a terminal; never: plain. No progress line while the operator log
    /// (-vv) writes to the same stream: its lines would land inside the live block.
    /// </summary>
    public static ConsoleStyle Decide(string mode, bool isTerminal, string? noColor, string? term, int width, bool logOnConsole = false)
    {
        var style = Decide(mode, isTerminal && term != "dumb", noColor, width);
        return logOnConsole ? style with { Live = false } : style;
    }

    private static ConsoleStyle Decide(string mode, bool capable, string? noColor, int width)
    {
        var columns = width > 0 ? width : 80;
        return mode switch
        {
            "never" => Plain,
            "always" => new ConsoleStyle(true, capable, columns),
            _ when capable && string.IsNullOrEmpty(noColor) => new ConsoleStyle(true, true, columns),
            _ => Plain,
        };
    }

    /// <summary>For the console's standard error stream, where the reporter writes.</summary>
    public static ConsoleStyle ForStandardError(string mode, int verbosity)
    {
        var terminal = !Console.IsErrorRedirected;
        mode = AnsibleColor(mode, Environment.GetEnvironmentVariable("ANSIBLE_NOCOLOR"), Environment.GetEnvironmentVariable("ANSIBLE_FORCE_COLOR"));
        ConsoleStyle Style(int width) => Decide(mode, terminal, Environment.GetEnvironmentVariable("NO_COLOR"), Environment.GetEnvironmentVariable("TERM"), width, logOnConsole: verbosity >= 2);
        // The width only for a live line: asking the terminal for it sets up .NET's console, which
        // writes a keypad control sequence (see Cli.PlainConsole).
        if (!Style(0).Live) return Style(0);
        int width;
        try { width = Console.WindowWidth; }
        catch (IOException) { width = 0; }
        return Style(width);
    }

    /// <summary>
    /// Ansible's own switches, for --color auto only: ANSIBLE_FORCE_COLOR as always (it wins, as in
    /// Ansible), else ANSIBLE_NOCOLOR as never; each read as Ansible reads a boolean (1, true, yes, on).
    /// </summary>
    public static string AnsibleColor(string mode, string? noColor, string? forceColor)
    {
        static bool On(string? v) => BooleanWords.Read(v) is true;
        if (mode != "auto") return mode;
        return On(forceColor) ? "always" : On(noColor) ? "never" : mode;
    }
}
