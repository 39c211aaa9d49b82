using Provisioner.Templating;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Provisioner.Cli;

/// <summary>
/// Operator logs: a compact JSON file per run (always, at debug level) and, at -vv, a readable
/// console log on stderr. The person-facing progress lines come from the ConsoleReporter instead.
/// </summary>
public static class Logging
{
    public static string LogDirectory() =>
        Environment.GetEnvironmentVariable("PROVISION_LOG_DIR")
        ?? Path.Combine(Environment.GetEnvironmentVariable("XDG_STATE_HOME") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state"), "provision", "logs");

    public static (ILogger Logger, string? File) Create(int verbosity, SecretSet secrets, string command)
    {
        var config = new LoggerConfiguration()
            .MinimumLevel.Debug()
            .Enrich.With(new MaskingEnricher(secrets))
            .Enrich.WithProperty("Command", command);
        string? file = null;
        try
        {
            var dir = LogDirectory();
            Directory.CreateDirectory(dir);
            file = Path.Combine(dir, $"run-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}.json");
            config = config.WriteTo.File(new CompactJsonFormatter(), file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            file = null; // Logging must never stop a run; the console still reports everything.
        }
        if (verbosity >= 2)
            config = config.WriteTo.Console(restrictedToMinimumLevel: LogEventLevel.Debug, standardErrorFromLevel: LogEventLevel.Verbose);
        return (config.CreateLogger(), file);
    }
}
