using Provisioner.Transport;

namespace Provisioner.HostFacts;

/// <summary>What a module sees of the host: its facts and a way to run read commands (with become applied).</summary>
public sealed record HostContext(IRemoteHost Remote, Facts Facts, bool Become)
{
    public Task<CommandResult> RunAsync(Command command, CancellationToken ct) =>
        Remote.RunAsync(command with { Become = Become }, ct);
}
