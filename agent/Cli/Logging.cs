using Provisioner.Templating;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Provisioner.Cli;

/// <summary>
/// Operator logs: a compact JSON file per run (always, at debug level) and, at -vv, a readable
/// console log on stderr. The person-facing progress lines come from the ConsoleReporter instead.
/// Older run logs are pruned to the newest --keep-logs (<see cref="RunLogs"/>), this run's included.
/// </summary>
public static class Logging
{
    public static string LogDirectory() =>
        Environment.GetEnvironmentVariable("PROVISION_LOG_DIR")
        ?? Path.Combine(Environment.GetEnvironmentVariable("XDG_STATE_HOME") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state"), "provision", "logs");

    public static (ILogger Logger, string? File) Create(int verbosity, SecretSet secrets, string command, int keepLogs = RunLogs.DefaultKeep)
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
            file = Path.Combine(dir, RunLogs.NewName());
            config = config.WriteTo.File(new CompactJsonFormatter(), file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            file = null; // Logging must never stop a run; the console still reports everything.
        }
        if (verbosity >= 2)
            config = config.WriteTo.Console(restrictedToMinimumLevel: LogEventLevel.Debug, standardErrorFromLevel: LogEventLevel.Verbose);
        var logger = config.CreateLogger();
        if (file is not null)
        {
            try { RunLogs.Prune(Path.GetDirectoryName(file)!, file, keepLogs); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
        }
        return (logger, file);
    }
}
