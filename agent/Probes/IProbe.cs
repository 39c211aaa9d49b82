using Provisioner.HostFacts;
using Provisioner.Modules;
using Provisioner.Yaml;

namespace Provisioner.Probes;

/// <summary>What a probe found: pass or fail, what was expected and what came back.</summary>
public sealed record ProbeOutcome(bool Passed, string Expected, string Actual)
{
    public static ProbeOutcome Pass(string expected, string actual) => new(true, expected, actual);
    public static ProbeOutcome Fail(string expected, string actual) => new(false, expected, actual);
}

/// <summary>
/// A verification probe kind (tcp, smtp, pop3, tls, command, mail). Probes only observe; they run
/// from the controller against the host's addresses unless they run a command on the host.
/// </summary>
public interface IProbe
{
    string Name { get; }
    ArgSpec Spec { get; }
    void Validate(MapNode args, Diagnostics diagnostics) { }
    Task<ProbeOutcome> RunAsync(ArgReader args, HostContext host, CancellationToken ct);

    /// <summary>
    /// Host paths the probe writes into (the Maildir a mail probe delivers to): a controller killed
    /// while it ran leaves them changed, and a recovery must not take that for someone else's edit.
    /// </summary>
    IEnumerable<string> Writes(ArgReader args) => [];
}
