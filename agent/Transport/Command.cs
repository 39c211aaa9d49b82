namespace Provisioner.Transport;

/// <summary>
/// A remote command built as data. <see cref="Argv"/> commands are quoted by construction;
/// <see cref="Script"/> commands are module-authored sh text whose user values were inserted with
/// <see cref="ShellQuote.Quote"/>. <see cref="Stdin"/> lets content travel without touching argv.
/// </summary>
public sealed record Command
{
    public IReadOnlyList<Arg> Argv { get; init; } = [];
    public string? ScriptText { get; init; }
    public byte[]? Stdin { get; init; }
    public bool SecretStdin { get; init; }
    /// <summary>Read-only commands may be retried on transient network errors; changes never are.</summary>
    public bool ReadOnly { get; init; }
    /// <summary>
    /// With <see cref="ReadOnly"/>: the result may be reused for the same text until the host is
    /// changed (by the engine's read cache, above the transport, which passes this by). Only for reads
    /// whose answer depends on host state alone, never on time or on anything outside the host.
    /// </summary>
    public bool Cacheable { get; init; }
    public TimeSpan? Timeout { get; init; }
    /// <summary>Run through sudo as root (the transport adds the wrapper; modules never do).</summary>
    public bool Become { get; init; }
    /// <summary>
    /// The step's name for the fault sweep's named kill point (<see cref="FaultPoint"/>), for a step
    /// whose place in the count of host commands is not fixed: the journal's commit.
    /// </summary>
    public string? FaultMark { get; init; }

    public static Command Of(params Arg[] argv) => new() { Argv = argv };
    public static Command Read(params Arg[] argv) => new() { Argv = argv, ReadOnly = true };
    public static Command Script(string sh, bool readOnly = false) => new() { ScriptText = sh, ReadOnly = readOnly };

    /// <summary>The exact text sent to the remote shell.</summary>
    public string Render() => ScriptText ?? string.Join(' ', Argv.Select(a => ShellQuote.Quote(a.Text)));

    /// <summary>The text safe to show: secret arguments masked.</summary>
    public string Display() => ScriptText ?? string.Join(' ', Argv.Select(a => a.Secret ? "'********'" : ShellQuote.Quote(a.Text)));

    public bool HasSecret => SecretStdin || Argv.Any(a => a.Secret);

    public override string ToString() => Display();
}
