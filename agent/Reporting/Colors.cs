using Provisioner.Execution;

namespace Provisioner.Reporting;

/// <summary>The colours a permanent console line may take.</summary>
public enum Paint { None, Bold, Green, Yellow, Red, Cyan }

/// <summary>ANSI colours (SGR codes) for outcomes: ok green, changed yellow, failed or undone red, skipped cyan.</summary>
public static class Colors
{
    public static Paint Of(RunStatus status) => status switch
    {
        RunStatus.Ok => Paint.Green,
        RunStatus.Changed => Paint.Yellow,
        RunStatus.Skipped => Paint.Cyan,
        RunStatus.Failed or RunStatus.RolledBack or RunStatus.Unreachable => Paint.Red,
        _ => Paint.None,
    };

    /// <summary>Wraps text already masked: the codes never split a secret the mask has to find.</summary>
    public static string Apply(Paint paint, string text) => paint switch
    {
        Paint.None => text,
        _ => $"\x1b[{Code(paint)}m{text}\x1b[0m",
    };

    private static string Code(Paint paint) => paint switch
    {
        Paint.Bold => "1",
        Paint.Green => "32",
        Paint.Yellow => "33",
        Paint.Red => "31",
        _ => "36",
    };
}
