namespace Provisioner.Transport;

/// <summary>What a remote command returned. A null exit status (killed by a signal) counts as failure.</summary>
public sealed record CommandResult(int? ExitStatus, string Stdout, string Stderr, TimeSpan Duration, string? Signal = null)
{
    public bool Ok => ExitStatus == 0;
    public string Describe() => ExitStatus is null
        ? $"terminated by signal {Signal ?? "?"}"
        : $"exit {ExitStatus}{(string.IsNullOrWhiteSpace(Stderr) ? "" : ": " + Stderr.Trim())}";
}
